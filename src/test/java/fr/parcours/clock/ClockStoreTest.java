package fr.parcours.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.clock.ClockEntry.Kind;
import fr.parcours.deadline.RegulatoryDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * A clock is kept with its process instance as JSON: what is read back is the same clock, with the terms
 * it opened with (not those of today's deadlines table) and every line of its ledger.
 */
class ClockStoreTest {

  static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void shouldReadBackTheTermsAndEveryLineOfTheLedger() throws Exception {
    ClockTerms terms = new ClockTerms(RegulatoryDuration.parse("P60D"), true, PARIS);
    RegulatoryClock clock = RegulatoryClock.notStarted("ANS_ANALYSIS", terms)
        .start(T0, null)
        .pause(T0.plus(Duration.ofDays(10)), "Waiting for the vendor: Provide complements", "ana")
        .resume(T0.plus(Duration.ofDays(22)).plusSeconds(1), "alice")
        .restart(T0.plus(Duration.ofDays(30)), "New evidence filed", "ana");

    String json = ClockStore.toJson(clock);
    RegulatoryClock read = ClockStore.fromJson(json);

    assertThat(read).isEqualTo(clock);
    assertThat(read.clockId()).isEqualTo("ANS_ANALYSIS");
    assertThat(read.terms()).isEqualTo(terms);
    assertThat(read.state()).isEqualTo(ClockState.RUNNING);
    assertThat(read.ledger()).extracting(ClockEntry::kind)
        .containsExactly(Kind.STARTED, Kind.PAUSED, Kind.RESUMED, Kind.RESTARTED);
    assertThat(read.ledger().get(1)).isEqualTo(new ClockEntry(Kind.PAUSED, T0.plus(Duration.ofDays(10)),
        "Waiting for the vendor: Provide complements", "ana"));
    assertThat(read.ledger().get(2).at()).isEqualTo(T0.plus(Duration.ofDays(22)).plusSeconds(1));
    Instant later = T0.plus(Duration.ofDays(45));
    assertThat(read.read(later)).isEqualTo(clock.read(later));

    JsonNode stored = new ObjectMapper().readTree(json);
    assertThat(stored.get("budget").asText()).isEqualTo("P60D");
    assertThat(stored.get("workingDays").asBoolean()).isTrue();
    assertThat(stored.get("zone").asText()).isEqualTo("Europe/Paris");
    assertThat(stored.get("ledger").get(0).get("at").asText()).isEqualTo("2026-11-02T09:00:00Z");
  }

  @Test
  void shouldKeepAPausedClockPausedAndAStoppedClockStopped() {
    ClockTerms terms = new ClockTerms(RegulatoryDuration.parse("P1M"), false, ZoneId.of("UTC"));
    RegulatoryClock paused = RegulatoryClock.notStarted("ANS_COMPLEMENTS", terms)
        .start(T0, "alice")
        .pause(T0.plus(Duration.ofHours(3)), "Waiting", null);
    RegulatoryClock stopped = paused.stop(T0.plus(Duration.ofDays(2)), "Closed: Provide complements");

    RegulatoryClock pausedRead = ClockStore.fromJson(ClockStore.toJson(paused));
    RegulatoryClock stoppedRead = ClockStore.fromJson(ClockStore.toJson(stopped));

    assertThat(pausedRead.state()).isEqualTo(ClockState.PAUSED);
    assertThat(pausedRead.terms().budget()).isEqualTo(RegulatoryDuration.parse("P1M"));
    assertThat(pausedRead.terms().workingDays()).isFalse();
    assertThat(pausedRead.terms().zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(pausedRead.ledger().get(0).actor()).isEqualTo("alice");
    assertThat(stoppedRead).isEqualTo(stopped);
    assertThat(stoppedRead.state()).isEqualTo(ClockState.STOPPED);
    assertThat(stoppedRead.read(T0.plus(Duration.ofDays(90))).dueAt())
        .isEqualTo(stopped.read(T0.plus(Duration.ofDays(90))).dueAt());
  }

  @Test
  void shouldReadBackANegativeBudget() {
    ClockTerms terms = new ClockTerms(RegulatoryDuration.parse("-P120D"), false, PARIS);
    RegulatoryClock clock = RegulatoryClock.notStarted("BRAND_RENEWAL_FILING", terms).start(T0, null);

    assertThat(ClockStore.fromJson(ClockStore.toJson(clock))).isEqualTo(clock);
  }

  @Test
  void shouldRefuseAStoredClockThatIsNotJson() {
    assertThatThrownBy(() -> ClockStore.fromJson("not a clock"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Le registre d’un délai gardé dans le dossier ne se lit pas : « Unrecognized token 'not':"
            + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') ». La variable"
            + " clock_… du dossier a sans doute été modifiée à la main : dans Cockpit, rendez-lui sa valeur précédente"
            + " (l’historique du dossier la garde), puis « Réessayer » sur l’incident.");
  }

  @Test
  void shouldRefuseAStoredLedgerThatBreaksTheClockRules() {
    RegulatoryClock clock = RegulatoryClock.notStarted("ANS_ANALYSIS",
        new ClockTerms(RegulatoryDuration.parse("P60D"), false, PARIS)).start(T0, null);
    String twiceStarted = ClockStore.toJson(clock).replace("]", ",{\"kind\":\"STARTED\",\"at\":\"2026-11-03T09:00:00Z\"}]");

    assertThatThrownBy(() -> ClockStore.fromJson(twiceStarted))
        .isInstanceOf(ClockStateException.class)
        .hasMessage("Le registre gardé du délai ANS_ANALYSIS ne se relit pas. Le délai ANS_ANALYSIS a déjà"
            + " démarré (en cours depuis 2026-11-02T09:00:00Z) : redémarrez-le pour compter de nouveau depuis zéro."
            + " La variable clock_… du dossier a sans doute été modifiée à la main : dans Cockpit, rendez-lui sa"
            + " valeur précédente (l’historique du dossier la garde), puis « Réessayer » sur l’incident.");
  }
}
