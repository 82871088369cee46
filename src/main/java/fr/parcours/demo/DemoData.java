package fr.parcours.demo;

import fr.parcours.audit.ComplianceAuditProcess;
import fr.parcours.security.Roles;
import fr.parcours.security.VendorCompanies;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo users for every role, with their login as password. Only under the {@code demo} profile: without
 * it Parcours has no user and no default password.
 */
@Component
@Profile("demo")
public class DemoData {

  /** One demo user: login (also the password), names, email and groups. */
  public record DemoUser(String id, String firstName, String lastName, String group) {
    public String email() {
      return id + "@parcours.example";
    }
  }

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("alice", "Alice", "Martin (MediSoft)", "vendor-medisoft"),
      new DemoUser("bruno", "Bruno", "Leroy (TéléCardio)", "vendor-telecardio"),
      new DemoUser("ana", "Ana", "Durand (ANS)", Roles.ANS_REVIEWER),
      new DemoUser("odile", "Odile", "Bernard (audit ANS)", ComplianceAuditProcess.AUDITORS),
      new DemoUser("hugo", "Hugo", "Petit (guichet HAS)", Roles.HAS_REVIEWER),
      new DemoUser("claire", "Claire", "Moreau (CNEDiMTS)", Roles.CNEDIMTS),
      new DemoUser("marc", "Marc", "Roux (ministères)", Roles.MINISTRY),
      new DemoUser("nadia", "Nadia", "Fournier (CNAM)", Roles.CNAM),
      new DemoUser("paul", "Paul", "Girard (responsable de processus)", Roles.PROCESS_OWNER),
      new DemoUser("admin", "Admin", "Parcours", Roles.ADMIN));

  private final IdentityService identity;
  private final VendorCompanies vendors;

  DemoData(IdentityService identity, VendorCompanies vendors) {
    this.identity = identity;
    this.vendors = vendors;
  }

  public void load() {
    vendors.register("vendor-medisoft", "MediSoft SAS");
    vendors.register("vendor-telecardio", "TéléCardio SARL");
    // the users already made, in one query rather than one each
    Set<String> made = identity.createUserQuery().userIdIn(USERS.stream().map(DemoUser::id).toArray(String[]::new))
        .list().stream().map(User::getId).collect(Collectors.toSet());
    for (DemoUser demo : USERS) {
      if (!made.contains(demo.id())) {
        User user = identity.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.id());
        identity.saveUser(user);
        identity.createMembership(demo.id(), demo.group());
      }
    }
  }
}
