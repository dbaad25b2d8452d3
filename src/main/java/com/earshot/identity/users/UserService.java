package com.earshot.identity.users;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.audit.Changes;
import com.earshot.identity.EarshotUser;
import com.earshot.identity.IdentityProperties;
import com.earshot.identity.Role;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.database.LikePattern;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.Paging;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Users: created at first sign-in, named by themselves, promoted and demoted by admins. */
@Service
public class UserService {

  public static final int PAGE_SIZE = 25;

  private final UserRepository users;
  private final AuditLog audit;
  private final IdentityProperties properties;
  private final TransactionTemplate transaction;
  private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

  UserService(
      UserRepository users,
      AuditLog audit,
      IdentityProperties properties,
      TransactionTemplate transaction,
      ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
    this.users = users;
    this.audit = audit;
    this.properties = properties;
    this.transaction = transaction;
    this.sessions = sessions;
  }

  /**
   * Signs in the owner of a (normalized) email address: creates the user at first sign-in, as an
   * admin when the address is configured as one, records the sign-in and audits it.
   */
  public EarshotUser signIn(String email) {
    EarshotUser user =
        DatabaseContext.callAs(
            CurrentUser.of(null, email, false),
            () -> transaction.execute(status -> findOrCreate(email)));
    DatabaseContext.runAs(
        user,
        () ->
            transaction.executeWithoutResult(
                status -> {
                  users.touchLastLogin(user.id());
                  audit.record(AuditEntry.of("sign_in.succeeded").on("user", user.id()));
                }));
    return user;
  }

  private EarshotUser findOrCreate(String email) {
    return users
        .findByEmail(email)
        .orElseGet(
            () -> {
              Role role = properties.isAdminEmail(email) ? Role.ADMIN : Role.TESTER;
              UserAccount created = users.insertOrGet(email, role);
              audit.record(
                  AuditEntry.of("user.create")
                      .on("user", created.id())
                      .details(Map.of("email", email, "role", created.role().databaseValue())));
              return created;
            })
        .principal();
  }

  @Transactional(readOnly = true)
  public UserAccount get(UUID id) {
    return users.findById(id).orElseThrow(() -> new NotFoundException("User"));
  }

  /** Users whose email or name contains {@code query}, a page of {@link #PAGE_SIZE}. */
  @Transactional(readOnly = true)
  public UserPage search(String query, int page) {
    String text = query == null ? "" : query.trim();
    if (text.length() > 255) {
      text = text.substring(0, 255);
    }
    String pattern = LikePattern.containing(text);
    long total = users.count(pattern);
    Paging paging = Paging.of(page, PAGE_SIZE, total);
    return new UserPage(
        users.search(pattern, PAGE_SIZE, paging.offset()),
        text,
        paging.page(),
        paging.totalPages(),
        total);
  }

  /**
   * Promotes or demotes a user. The last admin cannot be demoted. The user's open sessions end, so
   * that their next request runs with the new role.
   */
  @Transactional
  public UserAccount changeRole(UUID id, Role role) {
    UserAccount user = get(id);
    if (user.role() == role) {
      return user;
    }
    if (user.role() == Role.ADMIN && users.lockAdmins().size() <= 1) {
      throw UserManagementException.lastAdmin();
    }
    users.updateRole(id, role);
    audit.recordChanges(
        AuditEntry.of("user.role_change").on("user", id),
        Changes.of("role", user.role().databaseValue(), role.databaseValue()));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            sessions.ifAvailable(
                store ->
                    store.findByPrincipalName(user.email()).keySet().forEach(store::deleteById));
          }
        });
    return get(id);
  }

  /**
   * The signed-in user names themselves (at most 255 characters, the white space around them
   * aside); blank clears the name.
   */
  @Transactional
  public UserAccount rename(UUID self, String fullName) {
    String name = fullName == null || fullName.isBlank() ? null : fullName.strip();
    Changes changes = Changes.of("full_name", get(self).fullName(), name);
    if (!changes.isEmpty()) {
      users.updateFullName(self, name);
      audit.recordChanges(AuditEntry.of("user.rename").on("user", self), changes);
    }
    return get(self);
  }
}
