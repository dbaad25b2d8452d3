package com.earshot.playground;

import static com.earshot.playground.PlaygroundStatus.CLOSED;
import static com.earshot.playground.PlaygroundStatus.DRAFT;
import static com.earshot.playground.PlaygroundStatus.LIVE;
import static com.earshot.playground.PlaygroundStatus.PAUSED;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.audit.Changes;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.InvalidInputException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A playground's life: a draft goes live once its {@link GoLiveChecklist} is complete; live and
 * paused take turns (resuming checks the list again: the playground may have changed meanwhile);
 * closed is final, and a closing date closes it by itself ({@link ClosingJob}). Every move is
 * guarded by the status it starts from, so that two admins' clicks never both happen, and audited
 * in its transaction.
 */
@Service
class PlaygroundLifecycle {

  static final DateTimeFormatter CLOSING_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final PlaygroundService service;
  private final Playgrounds playgrounds;
  private final AuditLog audit;
  private final JdbcClient jdbc;
  private final Clock clock;

  PlaygroundLifecycle(
      PlaygroundService service, Playgrounds playgrounds, AuditLog audit, JdbcClient jdbc) {
    this.service = service;
    this.playgrounds = playgrounds;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  @Transactional(readOnly = true)
  public GoLiveChecklist checklist(UUID id) {
    return checklist(service.get(id));
  }

  /** The checklist of a playground the caller has just read. */
  @Transactional(readOnly = true)
  public GoLiveChecklist checklist(Playground playground) {
    return GoLiveChecklist.of(
        playground, playgrounds.widgetsLoaded(playground.id()), OffsetDateTime.now(clock));
  }

  /**
   * A draft or paused playground goes live.
   *
   * @throws NotReadyException naming what is missing, when something is
   */
  @Transactional
  public void goLive(UUID id) {
    Playground playground = service.get(id);
    GoLiveChecklist checklist = checklist(playground);
    if (playground.status() != DRAFT && playground.status() != PAUSED) {
      throw TransitionRefusedException.from(playground.status(), "go live");
    }
    if (!checklist.complete()) {
      throw new NotReadyException(checklist);
    }
    move(
        playground,
        LIVE,
        playground.status() == DRAFT ? "playground.go_live" : "playground.resume");
  }

  @Transactional
  public void pause(UUID id) {
    Playground playground = service.get(id);
    if (playground.status() != LIVE) {
      throw TransitionRefusedException.from(playground.status(), "be paused");
    }
    move(playground, PAUSED, "playground.pause");
  }

  /** A live or paused playground closes for good. */
  @Transactional
  public void close(UUID id) {
    Playground playground = service.get(id);
    if (playground.status() != LIVE && playground.status() != PAUSED) {
      throw TransitionRefusedException.from(playground.status(), "be closed");
    }
    move(playground, CLOSED, "playground.close");
  }

  private void move(Playground playground, PlaygroundStatus to, String action) {
    if (!playgrounds.changeStatus(playground.id(), List.of(playground.status()), to)) {
      throw TransitionRefusedException.meanwhile();
    }
    audit.recordChanges(
        AuditEntry.of(action).on("playground", playground.id()).inPlayground(playground.id()),
        new Changes()
            .field("status", playground.status().databaseValue(), to.databaseValue())
            .field("is_active", playground.active(), to == LIVE));
  }

  /**
   * Sets the date (a {@code datetime-local} value, read as UTC) on which the playground closes by
   * itself; blank removes it.
   *
   * @throws InvalidInputException at {@code closesAt} when it is not a date and time, or not in the
   *     future
   */
  @Transactional
  public void setClosingDate(UUID id, String typed) {
    Playground playground = service.get(id);
    if (playground.status() == CLOSED) {
      throw TransitionRefusedException.from(CLOSED, "get a closing date");
    }
    OffsetDateTime closesAt = parseClosingDate(typed);
    if (closesAt != null && !closesAt.isAfter(OffsetDateTime.now(clock))) {
      throw InvalidInputException.of(
          "closesAt",
          "The closing date must be in the future: it is "
              + OffsetDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
              + " UTC now.");
    }
    playgrounds.setClosesAt(id, closesAt);
    audit.recordChanges(
        AuditEntry.of("playground.update").on("playground", id).inPlayground(id),
        Changes.of("closes_at", text(playground.closesAt()), text(closesAt)));
  }

  private static OffsetDateTime parseClosingDate(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.parse(typed.strip());
      if (local.getYear() > 9999) {
        throw new DateTimeParseException("beyond PostgreSQL's dates", typed, 0);
      }
      return local.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of(
          "closesAt", "Enter a date and time, such as 2026-12-24T17:00 (UTC).");
    }
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }

  /**
   * Records that the preview saw the model's widget load, for the configuration version it showed;
   * nothing when that version is no longer the model's (it changed meanwhile) or was checked.
   */
  @Transactional
  public void recordWidgetLoaded(UUID id, ModelKey key, int version) {
    Playground playground = service.get(id);
    UUID admin = DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
    if (playground.model(key).isPresent()
        && playgrounds.recordWidgetLoaded(id, key, version, admin)) {
      audit.record(
          AuditEntry.of("model.widget_loaded")
              .on("playground", id)
              .inPlayground(id)
              .details(Map.of("model_key", key.databaseValue(), "configuration_version", version)));
    }
  }

  /**
   * Closes every playground whose closing date has come, with its audit row: one statement, which
   * any number of instances may run at once (see V27).
   *
   * @return the playgrounds this call closed
   */
  @Transactional
  public List<UUID> closeDue() {
    return jdbc.sql("SELECT * FROM playgrounds_close_due()").query(UUID.class).list();
  }
}
