package dev.pagerboy.tools.demo;

import static dev.pagerboy.tools.demo.HeldBackResolveTest.am;
import static dev.pagerboy.tools.demo.HeldBackResolveTest.pd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.datasets.Envelope;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeldResolvesTest {

    private static final int SHARE = 4;

    /** The n-th fingerprint of the form {@code fp<i>} that {@link HeldResolves#chosen} picks. */
    private static String chosen(int n) {
        return IntStream.iterate(0, i -> i + 1)
                .mapToObj(i -> "fp" + i)
                .filter(fp -> HeldResolves.chosen(fp, SHARE))
                .skip(n)
                .findFirst()
                .orElseThrow();
    }

    /** The n-th fingerprint of the form {@code fp<i>} that it does not pick. */
    private static String notChosen(int n) {
        return IntStream.iterate(0, i -> i + 1)
                .mapToObj(i -> "fp" + i)
                .filter(fp -> !HeldResolves.chosen(fp, SHARE))
                .skip(n)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void choosesOneAlertInShareByAStableHashOfItsFingerprint() {
        long picked =
                IntStream.range(0, 4_000)
                        .mapToObj(i -> "alert-" + i)
                        .filter(fp -> HeldResolves.chosen(fp, 8))
                        .count();
        assertThat(picked).isBetween(400L, 600L);
        // String.hashCode is specified, so the choice is the same in every JVM and every run.
        assertThat(HeldResolves.chosen("215df29400f96484", 8))
                .isEqualTo(Math.floorMod("215df29400f96484".hashCode(), 8) == 0);
        assertThat(HeldResolves.chosen("anything", 1)).isTrue();
        assertThatThrownBy(() -> HeldResolves.choose(List.of(), 0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdsBackEveryResolveOfAChosenAlertSoItFiresToTheEnd() {
        String a = chosen(0);
        String b = notChosen(0);
        List<Envelope> dataset =
                List.of(
                        am(1, a, "firing"),
                        am(2, b, "firing"),
                        am(3, a, "resolved"),
                        am(4, b, "resolved"),
                        am(5, a, "firing"),
                        am(6, a, "resolved"));

        HeldResolves held = HeldResolves.choose(dataset, SHARE, Set.of());

        assertThat(held.fingerprints()).containsExactly(a);
        assertThat(held.held()).containsExactly(dataset.get(2), dataset.get(5));
        assertThat(held.rest())
                .containsExactly(dataset.get(0), dataset.get(1), dataset.get(3), dataset.get(4));
    }

    @Test
    void keepsResolvesOfAlertsThatNeverFiredOrAreExcluded() {
        String a = chosen(0);
        String kept = chosen(1);
        List<Envelope> dataset =
                List.of(
                        am(1, a, "resolved"), // never seen firing: nothing to keep open
                        am(2, kept, "firing"),
                        am(3, kept, "resolved"));

        HeldResolves held = HeldResolves.choose(dataset, SHARE, Set.of(kept));

        assertThat(held.fingerprints()).isEmpty();
        assertThat(held.rest()).isEqualTo(dataset);
        assertThat(held.held()).isEmpty();
    }

    @Test
    void neverChoosesACriticalAlertWhichNoEngineerIsPagedForByName() {
        String critical = chosen(0);
        String warning = chosen(1);
        List<Envelope> dataset =
                List.of(
                        am(1, critical, "firing", "critical"),
                        am(2, warning, "firing"),
                        am(3, critical, "resolved", "critical"),
                        am(4, warning, "resolved"),
                        pd(5, chosen(2), "trigger", "critical"),
                        pd(6, chosen(2), "resolve", ""));

        HeldResolves held = HeldResolves.choose(dataset, SHARE, Set.of());

        assertThat(held.fingerprints()).containsExactly(warning);
        assertThat(held.held()).containsExactly(dataset.get(3));
    }

    @Test
    void readsPagerDutyEvents() {
        String k = chosen(0);
        List<Envelope> dataset =
                List.of(
                        pd(1, k, "trigger", "warning"),
                        pd(2, k, "resolve", ""),
                        pd(3, notChosen(0), "trigger", "warning"),
                        pd(4, notChosen(0), "resolve", ""));

        HeldResolves held = HeldResolves.choose(dataset, SHARE, Set.of());

        assertThat(held.held()).containsExactly(dataset.get(1));
        assertThat(held.rest()).containsExactly(dataset.get(0), dataset.get(2), dataset.get(3));
    }

    @Test
    void noneHoldsNothing() {
        List<Envelope> dataset = List.of(am(1, chosen(0), "firing"), am(2, chosen(0), "resolved"));
        HeldResolves none = HeldResolves.none(dataset);
        assertThat(none.rest()).isEqualTo(dataset);
        assertThat(none.fingerprints()).isEmpty();
        assertThat(none.held()).isEmpty();
    }
}
