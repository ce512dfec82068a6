package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.cli.UsageException;
import org.junit.jupiter.api.Test;

class BenchDispatchCommandTest {

    @Test
    void endToEndRatesAreAListOfPositiveNumbersOrNone() {
        assertThat(BenchDispatchCommand.rates("1000,10000")).containsExactly(1_000, 10_000);
        assertThat(BenchDispatchCommand.rates(" 500 ")).containsExactly(500);
        assertThat(BenchDispatchCommand.rates("none")).isEmpty();
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> BenchDispatchCommand.rates("1000,fast"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--e2e-rates: 'fast' is not a positive number");
        assertThatThrownBy(() -> BenchDispatchCommand.rates("0"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'0'");
    }
}
