package fr.parcours.notification;

import java.time.Instant;
import java.util.List;

/**
 * An incident the engine has just raised on a dossier, as the administrators and process owners are told of it
 * ({@link IncidentAlerts}): read in the transaction that raised it, sent once that transaction is committed.
 *
 * @param step the diagram and its element ({@code ans-certification/Event_NotifyX}): alerts of one step are grouped
 * @param dossierId the dossier's number, or the process instance when the dossier has none
 * @param processInstanceId the instance whose page in Cockpit shows the incident
 * @param processName the diagram's name (« Certification ANS »)
 * @param stepName the element's name in the diagram, or its id when it has none
 * @param message the incident's message, as Cockpit shows it
 * @param raisedAt the engine's time when it was raised
 * @param recipients the addresses of the users who repair dossiers (administrators, process owners)
 */
public record IncidentAlert(String step, String dossierId, String processInstanceId, String processName,
    String stepName, String message, Instant raisedAt, List<String> recipients) {
}
