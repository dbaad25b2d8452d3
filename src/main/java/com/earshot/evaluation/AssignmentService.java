package com.earshot.evaluation;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.PlaygroundType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives testers models (DESIGN.md, "A/B assignment"): the open session is resumed; otherwise, in
 * the tester's current round, a model is picked uniformly at random among those with free capacity
 * (which counterbalances the order), then the other one; after a tester gave an agent back, the
 * other one first while it has room. A reservation holds the slot for the playground's reservation
 * time. Tuning opens a new session per visit.
 */
@Service
public class AssignmentService {

  private final EvaluationSessions sessions;
  private final PlaygroundCatalog playgrounds;
  private final Randomness randomness;

  AssignmentService(
      EvaluationSessions sessions, PlaygroundCatalog playgrounds, Randomness randomness) {
    this.sessions = sessions;
    this.playgrounds = playgrounds;
    this.randomness = randomness;
  }

  /**
   * Where the tester goes in from the playground's page: the open session resumed, else their next
   * model; when their round is complete, the first model of the next one (if they may do another).
   */
  @Transactional
  public Assignment start(UUID playgroundId) {
    return assign(playgroundId, this::beginOrContinueRound);
  }

  /**
   * Where the tester goes after a submit: the open session resumed, else the next model of their
   * round; when the round is complete, {@link Assignment.RoundComplete} (a new round begins only
   * from {@link #start}).
   */
  @Transactional
  Assignment nextInRound(UUID playgroundId) {
    return assign(playgroundId, this::continueRound);
  }

  /**
   * As {@link #nextInRound(UUID)}, right after a submit whose transaction has just read the
   * playground (under row-level security, as this tester): it is not read again. Everything this
   * transaction writes is still decided by the database: {@code app_reserve_model} checks that the
   * playground is active, and the session insert's policy that the tester may see it.
   */
  @Transactional
  Assignment nextInRound(Playground playground) {
    return assign(playground, this::continueRound);
  }

  /** What to give a tester who has no open session in the playground. */
  private interface NextModel {
    Assignment choose(Playground playground, UUID tester, Progress progress);
  }

  private Assignment assign(UUID playgroundId, NextModel next) {
    return playgrounds
        .find(playgroundId)
        .filter(Playground::active)
        .map(playground -> assign(playground, next))
        .orElse(new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE));
  }

  private Assignment assign(Playground playground, NextModel next) {
    if (!playground.active()) {
      return new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE);
    }
    UUID tester = currentUser();
    UUID playgroundId = playground.id();
    // A double click on Start must not open two sessions: one tester's assignments in one
    // playground happen one at a time, and the second sees the first's session and resumes it.
    sessions.lockTester(playgroundId, tester);
    sessions.expireLapsed(playgroundId, tester);
    EvaluationSessions.Standing standing = sessions.standing(playgroundId, tester);
    for (EvaluationSession session : standing.recent()) {
      if (session.isOpen()) {
        return new Assignment.Given(session);
      }
    }
    return next.choose(
        playground, tester, Progress.of(playground, standing.recent(), standing.submitted()));
  }

  private Assignment beginOrContinueRound(Playground playground, UUID tester, Progress progress) {
    if (playground.type() == PlaygroundType.TUNING) {
      return giveTuning(playground, tester, progress);
    }
    if (progress.doneInRound().size() < 2) {
      return giveInRound(playground, tester, progress);
    }
    if (!progress.mayStartAnotherRound()) {
      return new Assignment.Closed(Assignment.Reason.ROUNDS_DONE);
    }
    return give(playground, tester, playground.type().modelKeys(), null, progress.round() + 1, 1);
  }

  private Assignment continueRound(Playground playground, UUID tester, Progress progress) {
    if (playground.type() == PlaygroundType.TUNING) {
      if (progress.submitted() == 0) {
        return giveTuning(playground, tester, progress);
      }
      // Each go is a round of its own: a new session opens only when the tester asks for another.
      Capacity model = sessions.capacity(playground.id()).get(ModelKey.MODEL_A);
      return new Assignment.RoundComplete(progress.submitted(), model != null && model.isFree());
    }
    if (progress.doneInRound().size() < 2) {
      return giveInRound(playground, tester, progress);
    }
    return new Assignment.RoundComplete(
        progress.round(),
        canStartAnother(playground, progress, sessions.capacity(playground.id())));
  }

  private Assignment giveTuning(Playground playground, UUID tester, Progress progress) {
    return give(playground, tester, List.of(ModelKey.MODEL_A), null, progress.submitted() + 1, 1);
  }

  /** A model of the current round the tester has not done yet. */
  private Assignment giveInRound(Playground playground, UUID tester, Progress progress) {
    Set<ModelKey> done = progress.doneInRound();
    List<ModelKey> candidates = new ArrayList<>();
    for (ModelKey key : playground.type().modelKeys()) {
      if (!done.contains(key)) {
        candidates.add(key);
      }
    }
    // A model given back in this round (its widget would not load, most likely) comes last.
    Set<ModelKey> givenBack = progress.givenBackInRound();
    ModelKey last =
        candidates.stream().anyMatch(key -> !givenBack.contains(key))
            ? candidates.stream().filter(givenBack::contains).findFirst().orElse(null)
            : null;
    return give(playground, tester, candidates, last, progress.round(), done.size() + 1);
  }

  /**
   * The active playgrounds the tester may see, with where they stand in each: a fixed number of
   * statements, however many there are.
   */
  @Transactional(readOnly = true)
  public List<PlaygroundState> home() {
    List<Playground> active = playgrounds.visible().stream().filter(Playground::active).toList();
    if (active.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = active.stream().map(Playground::id).toList();
    Map<UUID, List<EvaluationSession>> mine = sessions.mine(ids, currentUser());
    Map<UUID, Map<ModelKey, Capacity>> capacity = sessions.capacity(ids);
    return active.stream()
        .map(
            playground ->
                new PlaygroundState(
                    playground,
                    state(
                        playground,
                        mine.getOrDefault(playground.id(), List.of()),
                        capacity.getOrDefault(playground.id(), Map.of()))))
        .toList();
  }

  /** One playground the tester may see (404 otherwise), with where they stand. */
  @Transactional(readOnly = true)
  public PlaygroundState front(UUID playgroundId) {
    Playground playground =
        playgrounds
            .find(playgroundId)
            .filter(Playground::active)
            .orElseThrow(() -> new NotFoundException("Playground"));
    return new PlaygroundState(
        playground,
        state(
            playground,
            sessions.mine(playgroundId, currentUser()),
            sessions.capacity(playgroundId)));
  }

  /**
   * @param mine the tester's sessions in the playground, oldest first
   * @param capacity the playground's models' capacity
   */
  private static TesterState state(
      Playground playground, List<EvaluationSession> mine, Map<ModelKey, Capacity> capacity) {
    if (mine.stream().anyMatch(EvaluationSession::isOpen)) {
      return TesterState.IN_PROGRESS;
    }
    Progress progress = Progress.of(playground, mine);
    if (playground.type() == PlaygroundType.TUNING) {
      Capacity model = capacity.get(ModelKey.MODEL_A);
      if (model == null || !model.isFree()) {
        return TesterState.CLOSED;
      }
      return mine.isEmpty() ? TesterState.NEW : TesterState.ROUND_COMPLETE;
    }
    if (progress.doneInRound().size() == 2) {
      if (!progress.mayStartAnotherRound()) {
        return TesterState.FINISHED;
      }
      return canStartAnother(playground, progress, capacity)
          ? TesterState.ROUND_COMPLETE
          : TesterState.CLOSED;
    }
    boolean free =
        playground.type().modelKeys().stream()
            .filter(key -> !progress.doneInRound().contains(key))
            .anyMatch(key -> capacity.containsKey(key) && capacity.get(key).isFree());
    if (!free) {
      return TesterState.CLOSED;
    }
    return mine.isEmpty() ? TesterState.NEW : TesterState.IN_PROGRESS;
  }

  private static boolean canStartAnother(
      Playground playground, Progress progress, Map<ModelKey, Capacity> capacity) {
    if (!progress.mayStartAnotherRound()) {
      return false;
    }
    return playground.type().modelKeys().stream()
        .allMatch(key -> capacity.containsKey(key) && capacity.get(key).isFree());
  }

  /**
   * Reserves one of {@code candidates}, picked at random (or, when {@code last} is one of two, the
   * other), falling back to the others.
   */
  private Assignment give(
      Playground playground,
      UUID tester,
      List<ModelKey> candidates,
      ModelKey last,
      int round,
      int position) {
    List<ModelKey> order = new ArrayList<>(candidates);
    if (last != null) {
      order.remove(last);
      order.add(last);
    } else if (order.size() > 1) {
      ModelKey first = order.remove(randomness.nextInt(order.size()));
      order.add(0, first);
    }
    // Each reserve() locks its model's counter until commit. Taking those locks in one fixed
    // order (A, then B), whatever the coin said, keeps two testers who fall back to each other's
    // model from deadlocking.
    Set<ModelKey> free = EnumSet.noneOf(ModelKey.class);
    for (ModelKey key : ModelKey.values()) {
      if (candidates.contains(key) && sessions.reserve(playground.id(), key)) {
        free.add(key);
      }
    }
    for (ModelKey key : order) {
      if (free.contains(key)) {
        ModelConfiguration model = playground.model(key).orElseThrow();
        return new Assignment.Given(
            sessions.insert(
                playground.id(),
                tester,
                key,
                round,
                position,
                model.configurationVersion(),
                playground.settings().reservationMinutes()));
      }
    }
    return new Assignment.Closed(Assignment.Reason.LIMIT_REACHED);
  }

  private static UUID currentUser() {
    return DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
  }

  /** The tester's rounds so far. */
  record Progress(
      int round,
      Set<ModelKey> doneInRound,
      Set<ModelKey> givenBackInRound,
      int submitted,
      Integer maxRounds) {

    static Progress of(Playground playground, List<EvaluationSession> mine) {
      return of(
          playground, mine, (int) mine.stream().filter(EvaluationSession::isSubmitted).count());
    }

    /**
     * @param recent the tester's sessions of their latest round (older ones may be there too)
     * @param submitted how many sessions the tester has submitted in all
     */
    static Progress of(Playground playground, List<EvaluationSession> recent, int submitted) {
      int round = recent.stream().mapToInt(EvaluationSession::round).max().orElse(1);
      Set<ModelKey> done = EnumSet.noneOf(ModelKey.class);
      Set<ModelKey> givenBack = EnumSet.noneOf(ModelKey.class);
      for (EvaluationSession session : recent) {
        if (session.round() != round) {
          continue;
        }
        if (session.isSubmitted()) {
          done.add(session.modelKey());
        } else if (session.isGivenBack()) {
          givenBack.add(session.modelKey());
        }
      }
      return new Progress(
          round, done, givenBack, submitted, playground.settings().maxRoundsPerTester());
    }

    boolean mayStartAnotherRound() {
      return maxRounds == null || round < maxRounds;
    }
  }
}
