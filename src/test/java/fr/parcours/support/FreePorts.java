package fr.parcours.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the test JVM's free ports before any test class loads, so that a Spring context started by a test
 * that has no mail server of its own still finds {@code spring.mail.port} (registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}).
 */
public class FreePorts implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    TestSmtp.port();
  }
}
