package com.earshot.platform.database;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The one place where a transaction learns whom it acts for: at its start it sets the current
 * user's id, role and email as transaction-local settings, which the row-level-security policies
 * read. They vanish at commit or rollback, so a pooled connection never carries one user's identity
 * into another's transaction. Without a user they are empty and the policies return nothing.
 */
class RlsTransactionManager extends JdbcTransactionManager {

  private static final String SET_CONTEXT =
      "SELECT set_config('earshot.user_id', ?, true),"
          + " set_config('earshot.user_role', ?, true),"
          + " set_config('earshot.user_email', ?, true)";

  RlsTransactionManager(DataSource dataSource) {
    super(dataSource);
  }

  @Override
  protected void prepareTransactionalConnection(Connection connection, TransactionDefinition def)
      throws SQLException {
    super.prepareTransactionalConnection(connection, def);
    CurrentUser user = DatabaseContext.currentUser().orElse(null);
    try (PreparedStatement statement = connection.prepareStatement(SET_CONTEXT)) {
      statement.setString(1, user == null || user.id() == null ? "" : user.id().toString());
      statement.setString(2, user == null ? "" : user.admin() ? "admin" : "tester");
      statement.setString(3, user == null || user.email() == null ? "" : user.email());
      statement.execute();
    }
  }

  /**
   * A commit cut off by a lost connection may have happened all the same (the server committed, its
   * answer was lost), so that is what a writing transaction reports.
   */
  @Override
  protected void doCommit(DefaultTransactionStatus status) {
    try {
      super.doCommit(status);
    } catch (DataAccessResourceFailureException | TransactionSystemException e) {
      if (status.isReadOnly()) {
        throw e;
      }
      throw new UnknownCommitOutcomeException(e);
    }
  }
}
