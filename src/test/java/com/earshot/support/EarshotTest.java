package com.earshot.support;

import com.earshot.evaluation.FixedRandomness;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The whole application as the tests run it, in one application context for every class with this
 * annotation and nothing more: on the shared test PostgreSQL ({@link TestDatabase}) and mail server
 * ({@link MailInbox}), on a free port (only with an embedded server are Spring Session's cookies
 * what production has, for tests over real HTTP and {@link BrowserJourney}s), with {@link
 * org.springframework.test.web.servlet.assertj.MockMvcTester MockMvcTester} and the {@link
 * FixedRandomness} coin. The pool may be suspended, so that a test can take the database away for a
 * moment. {@link BrowserJourney#ADMIN_EMAIL} is an admin address.
 *
 * <p>A class that needs other settings (its own database, properties of its own) says so beside
 * this annotation and gets a context of its own: keep those few.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.hikari.allow-pool-suspension=true",
      "earshot.sign-in.admin-emails=" + BrowserJourney.ADMIN_EMAIL,
      // the closing job's own test runs it; no other test should find a playground closed by it
      "earshot.playgrounds.closing-interval=1h",
    })
@ContextConfiguration(initializers = {TestDatabaseInitializer.class, MailInbox.Initializer.class})
@AutoConfigureMockMvc
@Import({FixedRandomness.class, StatementCounter.class})
@TestExecutionListeners(
    listeners = ProductionCsrfTokens.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface EarshotTest {}
