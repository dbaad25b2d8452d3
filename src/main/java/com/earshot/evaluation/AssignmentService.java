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
   * The tester's next model in a playground.
   *
   * @param startNextRound whether to begin a new round when the current one is complete
   */
  @Transactional
  public Assignment next(UUID playgroundId, boolean startNextRound) {
    Playground playground = playgrounds.find(playgroundId).filter(Playground::active).orElse(null);
    if (playground == null) {
      return new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE);
    }
    return next(playground, startNextRound);
  }

  /**
   * The tester's next model, right after a submit whose transaction has just read the playground
   * (under row-level security, as this tester): it is not read again. Everything this transaction
   * writes is still decided by the database: {@code app_reserve_model} checks that the playground
   * is active, and the session insert's policy that the tester may see it.
   */
  @Transactional
  public Assignment next(Playground playground, boolean startNextRound) {
    if (!playground.active()) {
      return new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE);
    }
    UUID tester = currentUser();
    UUID playgroundId = playground.id();
    // A double click on Start must not open two sessions: one tester's assignments in one
    // playground happen one at a time, and the second sees the first's session and resumes it.
    sessions.lockTester(playgroundId, tester);
    sessions.expireLapsed(playgroundId, tester);
    List<EvaluationSession> mine = sessions.mine(playgroundId, tester);
    for (EvaluationSession session : mine) {
      if (session.isOpen()) {
        return new Assignment.Given(session);
      }
    }
    Progress progress = Progress.of(playground, mine);
    if (playground.type() == PlaygroundType.TUNING) {
      if (!startNextRound && progress.submitted() > 0) {
        // Just submitted: a new session opens only when the tester asks for another go.
        Capacity model = sessions.capacity(playgroundId).get(ModelKey.MODEL_A);
        return new Assignment.RoundComplete(progress.submitted(), model != null && model.isFree());
      }
      return give(playground, tester, List.of(ModelKey.MODEL_A), null, progress.submitted() + 1, 1);
    }
    int round = progress.round();
    Set<ModelKey> done = progress.doneInRound();
    if (done.size() == 2) {
      if (startNextRound && !progress.mayStartAnotherRound()) {
        return new Assignment.Closed(Assignment.Reason.ROUNDS_DONE);
      }
      if (!startNextRound) {
        return new Assignment.RoundComplete(round, canStartAnother(playground, progress));
      }
      round++;
      done = EnumSet.noneOf(ModelKey.class);
    }
    List<ModelKey> candidates = new ArrayList<>();
    for (ModelKey key : playground.type().modelKeys()) {
      if (!done.contains(key)) {
        candidates.add(key);
      }
    }
    // A model given back in this round (its widget would not load, most likely) comes last.
    Set<ModelKey> givenBack = round == progress.round() ? progress.givenBackInRound() : Set.of();
    ModelKey last =
        candidates.stream().anyMatch(key -> !givenBack.contains(key))
            ? candidates.stream().filter(givenBack::contains).findFirst().orElse(null)
            : null;
    return give(playground, tester, candidates, last, round, done.size() + 1);
  }

  /** The active playgrounds the tester may see, with where they stand in each. */
  @Transactional(readOnly = true)
  public List<PlaygroundState> home() {
    return playgrounds.visible().stream()
        .filter(Playground::active)
        .map(playground -> new PlaygroundState(playground, state(playground)))
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
    return new PlaygroundState(playground, state(playground));
  }

  private TesterState state(Playground playground) {
    List<EvaluationSession> mine = sessions.mine(playground.id(), currentUser());
    if (mine.stream().anyMatch(EvaluationSession::isOpen)) {
      return TesterState.IN_PROGRESS;
    }
    Progress progress = Progress.of(playground, mine);
    Map<ModelKey, Capacity> capacity = sessions.capacity(playground.id());
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
      return canStartAnother(playground, progress)
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

  private boolean canStartAnother(Playground playground, Progress progress) {
    if (!progress.mayStartAnotherRound()) {
      return false;
    }
    Map<ModelKey, Capacity> capacity = sessions.capacity(playground.id());
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
      int round = mine.stream().mapToInt(EvaluationSession::round).max().orElse(1);
      Set<ModelKey> done = EnumSet.noneOf(ModelKey.class);
      Set<ModelKey> givenBack = EnumSet.noneOf(ModelKey.class);
      int submitted = 0;
      for (EvaluationSession session : mine) {
        if (session.isSubmitted()) {
          submitted++;
          if (session.round() == round) {
            done.add(session.modelKey());
          }
        } else if (session.isGivenBack() && session.round() == round) {
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
