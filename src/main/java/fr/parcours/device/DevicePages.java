package fr.parcours.device;

import fr.parcours.device.DeviceRecords.Device;
import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.deadline.LegalDates;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.PageToken;
import fr.parcours.security.ReviewerGroups;
import fr.parcours.security.Roles;
import fr.parcours.shared.SpreadsheetCsv;
import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.ExtendedModelMap;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /devices}: the devices, certificates of conformity and registrations with their dates. A vendor reads its
 * own company's devices only; the reviewer groups, the process owners and the administrators read every company's.
 * Anybody else signed in reads a sentence that says who may; nobody signed in is asked to sign in (401). French, or
 * English for a browser whose first language is English, as the dossier pages.
 */
@Lazy
@Controller
class DevicePages {

  static final String POLICY = SignedInPage.PAGE_WITHOUT_SCRIPT;

  /** Tasklist opens the re-certification cycle's start form from this address. */
  static final String START_CYCLE = "/camunda/app/tasklist/default/#/?processStart=device-life";

  private final ReviewerGroups reviewers;

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final DeviceRecords records;
  private final MessageSource messages;
  private final ReferentialVersions versions;
  private final ZoneId zone;

  DevicePages(ProcessEngine engine, DossierBoard board, DeviceRecords records, MessageSource messages,
      ReferentialVersions versions, @Value("${parcours.zone:Europe/Paris}") String zone, ReviewerGroups reviewers) {
    this.reviewers = reviewers;
    this.engine = engine;
    this.board = board;
    this.records = records;
    this.messages = messages;
    this.versions = versions;
    this.zone = ZoneId.of(zone);
  }

  @GetMapping("/devices")
  String devices(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
    Viewer viewer = SignedInPage.viewer(request, response, model, locale, engine, board, POLICY, "/devices");
    if (viewer == null) {
      return SignedInPage.SIGN_IN;
    }
    model.addAttribute("words", new Words(locale, zone));
    model.addAttribute("today", LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone));
    List<Device> devices;
    if (viewer.vendor()) {
      devices = records.ofCompanies(viewer.groupIds().stream().filter(g -> g.startsWith(Roles.VENDOR_GROUP_PREFIX))
          .toList());
    } else if (readsEveryCompany(viewer.groupIds()) || reviewers.anyReviewer(viewer.groupIds())) {
      devices = records.all();
    } else {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return "devices/refused";
    }
    model.addAttribute("devices", devices);
    // the re-certification cycles running, and the last version of the referential when it is not opposable
    model.addAttribute("cycles", records.runningCycles());
    model.addAttribute("evolution", versions.latest(DeviceRecords.ANS_REFERENTIAL).filter(v -> !v.opposable())
        .orElse(null));
    model.addAttribute("startCycle", START_CYCLE);
    if (viewer.vendor()) {
      model.addAttribute("choices", choices(devices, records.runningCycles(),
          versions.latest(DeviceRecords.ANS_REFERENTIAL).orElse(null)));
      model.addAttribute("cycleCsrf", PageToken.of(request, DevicePaths.CYCLE_CSRF));
      model.addAttribute("cyclesPath", DevicePaths.CYCLES);
    }
    return "devices/list";
  }

  /**
   * {@code /devices/codes.csv}: the published list of individual codes allocated on generic lines (code, line,
   * company, device, first and last day), for the CNAM that publishes it and the agencies. The real list is public,
   * but here a vendor downloads its own company's codes only, as it reads only its own devices; the reviewer groups,
   * the process owners and the administrators every company's; anybody else is refused (403), nobody signed in is
   * asked to sign in (401), each with a sentence.
   */
  @GetMapping("/devices/codes.csv")
  ResponseEntity<String> publishedCodes(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    Viewer viewer = SignedInPage.viewer(request, response, new ExtendedModelMap(), locale, engine, board, POLICY,
        "/devices");
    if (viewer == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    List<DeviceRecords.PublishedCode> codes;
    if (viewer.vendor()) {
      codes = records.publishedCodes(viewer.groupIds().stream().filter(g -> g.startsWith(Roles.VENDOR_GROUP_PREFIX))
          .toList());
    } else if (readsEveryCompany(viewer.groupIds())) {
      codes = records.publishedCodes(null);
    } else {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(new MediaType("text", "plain",
          StandardCharsets.UTF_8)).body(messages.getMessage("devices.refused.text", null, locale));
    }
    Words words = new Words(locale, zone);
    String csv = SpreadsheetCsv.write(List.of("code", "line", "company", "device", "firstDay", "lastDay").stream()
        .map(k -> messages.getMessage("devices.codes.csv." + k, null, locale)).toList(),
        codes.stream().map(c -> List.of(c.code(), c.lineNames() == null ? "" : c.lineNames(),
            c.companyName() == null ? c.vendorGroup() : c.companyName(), c.device(), words.day(c.firstDay()),
            words.day(c.lastDay()))).toList());
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(messages.getMessage("devices.codes.file", null, locale)).build().toString())
        .body(csv);
  }

  /**
   * The cycles each certificate of the vendor's devices allows (the names of {@link CycleChoices.Choice}), by its
   * number: what the page offers as buttons; the cycle's start checks them again.
   */
  static Map<String, List<String>> choices(List<Device> devices, Map<String, String> runningCycles,
      ReferentialVersions.Version latest) {
    Map<String, String> renewedBy = new HashMap<>();
    for (Device device : devices) {
      for (int i = 0; i < device.certificates().size(); i++) {
        DeviceRecords.Certificate certificate = device.certificates().get(i);
        if (certificate.previousCertificate() != null) {
          renewedBy.putIfAbsent(certificate.previousCertificate(), certificate.number());
        }
        for (DeviceRecords.Certificate older : device.certificates().subList(i + 1, device.certificates().size())) {
          if (older.referential().equals(certificate.referential())) {
            renewedBy.putIfAbsent(older.number(), certificate.number()); // the newest first: the latest wins
          }
        }
      }
    }
    Map<String, List<String>> choices = new HashMap<>();
    for (Device device : devices) {
      for (DeviceRecords.Certificate c : device.certificates()) {
        CycleChoices.Facts facts = new CycleChoices.Facts(c.number(), c.referential(), c.referentialVersion(),
            c.withdrawn(), renewedBy.get(c.number()), runningCycles.get(device.id()), latest);
        choices.put(c.number(), Arrays.stream(CycleChoices.Choice.values())
            .filter(choice -> CycleChoices.allowed(choice, facts)).map(Enum::name).toList());
      }
    }
    return choices;
  }

  /** Dates as the page writes them, in its language. */
  record Words(Locale locale, ZoneId zone) {
    public String date(Instant instant) {
      return instant == null ? "" : LegalDates.date(instant.atZone(zone).toLocalDate(), locale);
    }

    public String day(LocalDate day) {
      return day == null ? "" : LegalDates.date(day, locale);
    }

    /** A device's profiles as people read them ("Exigences de base (tout dispositif)"), never their codes. */
    public String profiles(String codes) {
      return codes == null || codes.isBlank() ? "" : fr.parcours.shared.SoftwareProfiles.labels(codes, locale);
    }
  }

  /**
   * The agencies' reviewers, the process owners and the administrators (the reviewer groups a pathway registers,
   * such as the ANS auditors, are asked of {@link ReviewerGroups}).
   */
  static boolean readsEveryCompany(List<String> groupIds) {
    return Roles.isRepairer(groupIds)
        || Roles.REVIEWERS.stream().anyMatch(reviewer -> groupIds.contains(reviewer.groupId()));
  }
}
