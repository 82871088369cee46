package fr.parcours.notification;

import fr.parcours.ans.AnsProcess;
import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Prints how long a user waits when completing a task that triggers a mail (submitting the administrative
 * dossier: "Receipt of dossier notified" follows) against one that does not (saving it as a draft), and
 * how long the mail job itself takes. No timing assertion: figures depend on the machine.
 */
class NotificationLatencyBenchmark extends ProcessTestBase {

  static final int ROUNDS = 15;

  @Test
  void printTheLatencyOfCompletingATaskWithAndWithoutAMail() {
    List<Long> withMail = new ArrayList<>();
    List<Long> withoutMail = new ArrayList<>();
    List<Long> mailJob = new ArrayList<>();
    for (int round = 0; round < ROUNDS + 3; round++) {
      ProcessInstance pi = startApplication("alice", AnsProcess.KEY, Candidatures.valid());
      long draft = timed(() -> submit(pi, "DRAFT"));
      long submit = timed(() -> submit(pi, "SUBMIT"));
      Job job = managementService.createJobQuery().processInstanceId(pi.getId())
          .activityId("Event_NotifyAdministrativeFileReceived").singleResult();
      long send = timed(() -> managementService.executeJob(job.getId()));
      executeJobs(pi);
      if (round >= 3) { // warm-up
        withoutMail.add(draft);
        withMail.add(submit);
        mailJob.add(send);
      }
    }
    System.out.printf("%nBENCHMARK completing a task, %d rounds, microseconds (median / mean / max)%n", ROUNDS);
    print("task without a mail (draft)", withoutMail);
    print("task followed by a mail (submit)", withMail);
    print("the mail job itself (2 recipients, SMTP)", mailJob);
  }

  private void submit(ProcessInstance pi, String action) {
    as("alice", () -> formService.submitTaskForm(task(pi, "Task_DepositAdministrativeDossier").getId(),
        Map.of("depositAction", action)));
  }

  private static long timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1_000;
  }

  private static void print(String label, List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
    System.out.printf("  %-42s %8d / %8.0f / %8d%n", label, sorted.get(sorted.size() / 2), mean,
        sorted.get(sorted.size() - 1));
  }
}
