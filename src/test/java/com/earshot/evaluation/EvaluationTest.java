package com.earshot.evaluation;

import com.earshot.support.EarshotTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on the shared test PostgreSQL, with MockMvc and the {@link FixedRandomness}
 * coin. The pool may be suspended, so that a test can take the database away for a moment. Every
 * class with this annotation (and nothing more) shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EarshotTest
@AutoConfigureMockMvc
@Import(FixedRandomness.class)
@TestPropertySource(properties = "spring.datasource.hikari.allow-pool-suspension=true")
public @interface EvaluationTest {}
