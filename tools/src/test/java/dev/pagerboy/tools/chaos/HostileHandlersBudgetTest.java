package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.handler.HandlerAbi;
import org.junit.jupiter.api.Test;

/**
 * R5's cycle check: the CPU checks the budget between instructions, so an endless loop stops one
 * instruction past it (R5 measured 200 004 cycles against 200 000), never more.
 */
class HostileHandlersBudgetTest {

    @Test
    void allowsTheOneInstructionThatCrossedTheBudgetAndNoMore() {
        long budget = HandlerAbi.DEFAULT_CYCLE_BUDGET;
        assertThat(HostileHandlers.withinBudget(budget)).isTrue();
        assertThat(HostileHandlers.withinBudget(budget + 4)).isTrue();
        assertThat(HostileHandlers.withinBudget(budget + 24)).isTrue();
        assertThat(HostileHandlers.withinBudget(budget + 25)).isFalse();
    }
}
