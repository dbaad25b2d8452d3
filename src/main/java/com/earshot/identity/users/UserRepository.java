package com.earshot.identity.users;

import com.earshot.identity.Role;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. Row-level security decides which rows a caller reaches. */
@Repository
class UserRepository {

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<UserAccount> findByEmail(String email) {
    return jdbc.sql("SELECT * FROM users WHERE email = ?")
        .param(email)
        .query(UserRepository::account)
        .optional();
  }

  Optional<UserAccount> findById(UUID id) {
    return jdbc.sql("SELECT * FROM users WHERE id = ?")
        .param(id)
        .query(UserRepository::account)
        .optional();
  }

  /** Creates the user, or finds the one a concurrent first sign-in just created. */
  UserAccount insertOrGet(String email, Role role) {
    jdbc.sql(
            "INSERT INTO users (email, role) VALUES (?, ?::user_role) ON CONFLICT (email) DO NOTHING")
        .params(email, role.databaseValue())
        .update();
    return findByEmail(email).orElseThrow();
  }

  void touchLastLogin(UUID id) {
    jdbc.sql("UPDATE users SET last_login = now() WHERE id = ?").param(id).update();
  }

  void updateRole(UUID id, Role role) {
    jdbc.sql("UPDATE users SET role = ?::user_role WHERE id = ?")
        .params(role.databaseValue(), id)
        .update();
  }

  void updateFullName(UUID id, String fullName) {
    jdbc.sql("UPDATE users SET full_name = ? WHERE id = ?").params(fullName, id).update();
  }

  /** Locks every admin row, so that two concurrent demotions cannot both pass the check. */
  List<UUID> lockAdmins() {
    return jdbc.sql("SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE")
        .query(UUID.class)
        .list();
  }

  List<UserAccount> search(String pattern, int limit, long offset) {
    return jdbc.sql(
            """
            SELECT * FROM users
            WHERE email ILIKE :pattern ESCAPE '\\' OR full_name ILIKE :pattern ESCAPE '\\'
            ORDER BY email
            LIMIT :limit OFFSET :offset
            """)
        .param("pattern", pattern)
        .param("limit", limit)
        .param("offset", offset)
        .query(UserRepository::account)
        .list();
  }

  long count(String pattern) {
    return jdbc.sql(
            """
            SELECT count(*) FROM users
            WHERE email ILIKE :pattern ESCAPE '\\' OR full_name ILIKE :pattern ESCAPE '\\'
            """)
        .param("pattern", pattern)
        .query(Long.class)
        .single();
  }

  private static UserAccount account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new UserAccount(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("full_name"),
        Role.fromDatabase(rs.getString("role")),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getObject("last_login", LocalDateTime.class));
  }
}
