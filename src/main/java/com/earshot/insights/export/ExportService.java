package com.earshot.insights.export;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.PlaygroundType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports of a playground's evaluations (DESIGN.md, "Insights", 5), streamed: rows go from a
 * database cursor straight to the download, so no export is held in memory, however large.
 *
 * <p>Two transactions, on the row-level-security transaction manager (the primary one). The first
 * finds the playground (only its admin's own) and writes the audit row, and commits before the
 * first byte is sent: a download broken off halfway is on record too. The second reads, read-only,
 * in one snapshot (repeatable read), so that the questions heading the sessions export and the rows
 * under them agree.
 */
@Service
class ExportService {

  private final PlaygroundCatalog playgrounds;
  private final AuditLog audit;
  private final ExportQueries queries;
  private final JsonMapper json;
  private final TransactionTemplate recording;
  private final TransactionTemplate reading;
  private final Clock clock = Clock.systemUTC();

  ExportService(
      PlaygroundCatalog playgrounds,
      AuditLog audit,
      ExportQueries queries,
      JsonMapper json,
      PlatformTransactionManager transactions) {
    this.playgrounds = playgrounds;
    this.audit = audit;
    this.queries = queries;
    this.json = json;
    this.recording = new TransactionTemplate(transactions);
    recording.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.reading = new TransactionTemplate(transactions);
    reading.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    reading.setReadOnly(true);
    reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /** Where an export goes: opened with its file name and content type, before the first row. */
  @FunctionalInterface
  interface Download {
    OutputStream open(String fileName, String contentType) throws IOException;
  }

  /**
   * Streams {@code file} of the playground to {@code download}.
   *
   * @throws NotFoundException when the playground does not exist or is not the current admin's
   */
  void export(UUID playgroundId, ExportFile file, Download download) throws IOException {
    Playground playground = findAndRecord(playgroundId, file);
    String fileName = file.fileName(playground.name(), LocalDate.now(clock));
    TableWriter table =
        TableWriter.of(file.format(), download.open(fileName, file.format().contentType()), json);
    try {
      reading.executeWithoutResult(
          status -> {
            try {
              write(playground, file.shape(), table);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Playground findAndRecord(UUID playgroundId, ExportFile file) {
    return recording.execute(
        status -> {
          Playground found =
              playgrounds
                  .findOwn(playgroundId)
                  .orElseThrow(() -> new NotFoundException("Playground"));
          audit.record(
              AuditEntry.of("playground.export")
                  .on("playground", playgroundId)
                  .inPlayground(playgroundId)
                  .details(Map.of("shape", file.shape().value(), "format", file.format().value())));
          return found;
        });
  }

  private void write(Playground found, ExportFile.Shape shape, TableWriter table)
      throws IOException {
    // Read again in this snapshot: the questions as they are now, beside the rows read now.
    Playground playground = playgrounds.find(found.id()).orElse(found);
    boolean abTest = playground.type() == PlaygroundType.AB_TESTING;
    switch (shape) {
      case ANSWERS -> {
        AnswersTable answers = new AnswersTable(table, abTest);
        answers.header();
        queries.eachAnswer(playground.id(), answers::write);
      }
      case SESSIONS -> {
        SessionsTable sessions = new SessionsTable(table, abTest, playground.questions());
        sessions.header();
        queries.eachSessionAnswer(playground.id(), sessions::add);
        sessions.finish();
      }
      case PREFERENCES -> {
        table.header(PreferencesTable.COLUMNS);
        queries.eachPreference(playground.id(), row -> table.row(PreferencesTable.cells(row)));
      }
    }
    table.finish();
  }
}
