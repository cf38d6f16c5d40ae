package io.unitrouter.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code unit-router.local-cell} has a non-blank value: the application is a cell, not a gateway
 * or a tool. An empty value (e.g. {@code ${CELL:}} with no {@code CELL} set) does not match.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnLocalCell.OnLocalCell.class)
public @interface ConditionalOnLocalCell {

    /** The condition behind {@link ConditionalOnLocalCell}. */
    class OnLocalCell extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String cell = context.getEnvironment().getProperty("unit-router.local-cell");
            return cell != null && !cell.isBlank()
                    ? ConditionOutcome.match("unit-router.local-cell is " + cell)
                    : ConditionOutcome.noMatch("unit-router.local-cell is not set");
        }
    }
}
