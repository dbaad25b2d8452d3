package com.earshot.invitation;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Invitations under row-level security: only the playground's own admin reads or writes them. The
 * invitees' progress is read from their sessions, which that admin may see too.
 */
@Repository
class InvitationRepository {

  private final JdbcClient jdbc;

  InvitationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Those of {@code emails} mailed for this playground within {@code window}. */
  Set<String> mailedWithin(UUID playground, Collection<String> emails, Duration window) {
    if (emails.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.sql(
                """
                SELECT email FROM invitations
                WHERE playground_id = ? AND email = ANY (?::text[])
                  AND last_sent_at > now() - make_interval(secs => ?)
                """)
            .params(playground, emails.toArray(String[]::new), window.toSeconds())
            .query(String.class)
            .list());
  }

  /** An invitation mailed now: a new row, or the existing one's last send. */
  void recordInvitation(UUID playground, String email, UUID admin) {
    jdbc.sql(
            """
            INSERT INTO invitations (playground_id, email, invited_by) VALUES (?, ?, ?)
            ON CONFLICT (playground_id, email) DO UPDATE
              SET last_sent_at = now(), times_sent = invitations.times_sent + 1
            """)
        .params(playground, email, admin)
        .update();
  }

  void recordReminder(UUID playground, String email) {
    jdbc.sql(
            """
            UPDATE invitations
            SET last_sent_at = now(), reminded_at = now(), times_sent = times_sent + 1
            WHERE playground_id = ? AND email = ?
            """)
        .params(playground, email)
        .update();
  }

  /** Every invitee of the playground with how far they got, in the order they were invited. */
  List<Invitee> invitees(UUID playground) {
    return jdbc.sql(
            """
            SELECT i.email, i.invited_at, i.last_sent_at, i.times_sent, i.reminded_at,
                   EXISTS (SELECT 1 FROM evaluation_sessions s
                           WHERE s.playground_id = i.playground_id AND s.user_id = u.id) AS started,
                   CASE WHEN p.type = 'tuning' THEN
                          EXISTS (SELECT 1 FROM evaluation_sessions s
                                  WHERE s.playground_id = i.playground_id AND s.user_id = u.id
                                    AND s.status = 'submitted')
                        ELSE
                          EXISTS (SELECT 1 FROM evaluation_sessions s
                                  WHERE s.playground_id = i.playground_id AND s.user_id = u.id
                                    AND s.status = 'submitted'
                                  GROUP BY s.round_number
                                  HAVING count(DISTINCT s.model_key) = 2)
                   END AS finished
            FROM invitations i
            JOIN playgrounds p ON p.id = i.playground_id
            LEFT JOIN users u ON u.email = i.email
            WHERE i.playground_id = ?
            ORDER BY i.invited_at, i.email
            """)
        .param(playground)
        .query(
            (rs, row) ->
                new Invitee(
                    rs.getString("email"),
                    rs.getObject("invited_at", java.time.LocalDateTime.class),
                    rs.getObject("last_sent_at", java.time.LocalDateTime.class),
                    rs.getInt("times_sent"),
                    rs.getObject("reminded_at", java.time.LocalDateTime.class),
                    rs.getBoolean("started"),
                    rs.getBoolean("finished")))
        .list();
  }

  boolean currentUserIsInvited() {
    return jdbc.sql("SELECT app_has_invitation()").query(Boolean.class).single();
  }
}
