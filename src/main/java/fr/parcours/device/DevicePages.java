package fr.parcours.device;

import fr.parcours.device.DeviceRecords.Device;
import fr.parcours.dossierpage.DossierBoard;
import fr.parcours.dossierpage.SignedInPage;
import fr.parcours.deadline.LegalDates;
import fr.parcours.dossierpage.Viewer;
import fr.parcours.security.ReviewerGroups;
import fr.parcours.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
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
@Controller
class DevicePages {

  static final String POLICY = SignedInPage.PAGE_WITHOUT_SCRIPT;

  private final ReviewerGroups reviewers;
  private final ProcessEngine engine;
  private final DossierBoard board;
  private final DeviceRecords records;
  private final ZoneId zone;

  DevicePages(ProcessEngine engine, DossierBoard board, DeviceRecords records,
      @Value("${parcours.zone:Europe/Paris}") String zone, ReviewerGroups reviewers) {
    this.reviewers = reviewers;
    this.engine = engine;
    this.board = board;
    this.records = records;
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
    return "devices/list";
  }

  /** Dates as the page writes them, in its language. */
  record Words(Locale locale, ZoneId zone) {
    public String date(Instant instant) {
      return instant == null ? "" : LegalDates.date(instant.atZone(zone).toLocalDate(), locale);
    }

    public String day(LocalDate day) {
      return day == null ? "" : LegalDates.date(day, locale);
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
