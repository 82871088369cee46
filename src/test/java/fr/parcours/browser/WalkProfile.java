package fr.parcours.browser;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a walk's time goes, with {@code -Dwalk.profile=true}: a thread looks at the test's thread every 20 ms and
 * counts, for each look, the walk's own innermost step (a method of this package) and what the thread was doing
 * there (waiting for the browser's answer, sleeping, in the database...). Printed per class at its end, in seconds
 * of the walk's time; nothing is measured without the property.
 */
final class WalkProfile implements BeforeAllCallback, AfterAllCallback {

  private static final long EVERY_MS = 20;
  private final Map<String, AtomicInteger> steps = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> doing = new ConcurrentHashMap<>();
  private volatile Thread sampler;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!Boolean.getBoolean("walk.profile")) {
      return;
    }
    Thread walk = Thread.currentThread();
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        look(walk.getStackTrace());
        try {
          Thread.sleep(EVERY_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "walk-profile");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void look(StackTraceElement[] stack) {
    String step = "(outside the walk)";
    String what = stack.length == 0 ? "(idle)" : kind(stack);
    for (StackTraceElement frame : stack) {
      // a wait's condition is a lambda: its step is the method that waits
      if (frame.getClassName().startsWith("fr.parcours.browser.") && !frame.getClassName().contains("WalkProfile")
          && !frame.getClassName().contains("$$Lambda") && !frame.getMethodName().startsWith("lambda$")) {
        step = frame.getClassName().substring("fr.parcours.browser.".length()) + "." + frame.getMethodName();
        break;
      }
    }
    steps.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
    doing.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  private static String kind(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String c = frame.getClassName();
      if (c.equals("java.lang.Thread") && frame.getMethodName().equals("sleep")) {
        return "sleeping (a wait between two looks)";
      }
      if (c.startsWith("org.openqa.selenium.remote.http") || c.startsWith("org.openqa.selenium.remote.HttpCommandExecutor")
          || c.startsWith("java.net.http") || c.startsWith("jdk.internal.net.http")) {
        return "waiting for the browser";
      }
      if (c.startsWith("org.h2") || c.startsWith("org.apache.ibatis") || c.startsWith("com.zaxxer")) {
        return "in the database";
      }
      if (c.startsWith("org.camunda.bpm.engine")) {
        return "in the engine";
      }
      if (c.startsWith("com.icegreen") || c.startsWith("jakarta.mail")) {
        return "reading mails";
      }
    }
    return "other: " + stack[0].getClassName() + "." + stack[0].getMethodName();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sampler == null) {
      return;
    }
    sampler.interrupt();
    StringBuilder out = new StringBuilder("WALK PROFILE " + context.getDisplayName() + "\n");
    print(out, "steps", steps);
    print(out, "doing", doing);
    System.out.print(out);
  }

  private static void print(StringBuilder out, String title, Map<String, AtomicInteger> counts) {
    Map<String, Integer> copy = new HashMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    copy.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(30)
        .forEach(e -> out.append(String.format("  %-6s %7.1f s  %s%n", title, e.getValue() * EVERY_MS / 1000.0,
            e.getKey())));
  }
}
