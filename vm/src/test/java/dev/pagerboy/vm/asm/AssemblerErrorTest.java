package dev.pagerboy.vm.asm;

import static dev.pagerboy.vm.asm.AsmTestSupport.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error names file, line and column, and one bad line does not hide the next. */
class AssemblerErrorTest {

    private static List<String> errors(String source) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> build(source));
        assertThat(e).as("expected the build to fail").isNotNull();
        return e.errors().stream().map(AsmError::toString).toList();
    }

    @Test
    void reportsEveryErrorWithFileLineAndColumn() {
        List<String> errors =
                errors(
                        """
                        SECTION "t", ROM0[$0150]
                            ld a, [hl
                            frobnicate a
                            ld b, "xy"
                            db 1 +
                            jp hl, 3
                        """);
        assertThat(errors)
                .containsExactly(
                        "test.asm:2:14: expected ']', found end of line",
                        "test.asm:3:5: unknown instruction, directive or macro 'frobnicate'",
                        "test.asm:4:11: a string in an expression must be one character",
                        "test.asm:5:11: expected an expression, found end of line",
                        "test.asm:6:5: no form of 'jp' takes these operands");
    }

    @Test
    void linkErrorsPointAtTheExpression() {
        List<String> errors =
                errors(
                        """
                        SECTION "t", ROM0[$0150]
                            jp Nowhere
                            ld a, 300
                        Start:
                            ds 200
                            jr Start
                        """);
        assertThat(errors)
                .containsExactly(
                        "test.asm:2:8: 'Nowhere' is not defined",
                        "test.asm:3:11: value 300 does not fit in 8 bits",
                        "test.asm:6:8: jr target $0155 is -202 bytes away (-128..127 allowed); use jp");
    }

    @Test
    void structuralErrors() {
        List<String> errors =
                errors(
                        """
                            nop
                        SECTION "t", ROM0[$0150]
                        .orphan:
                        IF 1
                        Dup:
                        Dup:
                        SECTION "v", WRAM0
                            db 1
                        SECTION "t", ROM0
                        """);
        assertThat(errors)
                .containsExactly(
                        "test.asm:1:5: code or data outside a section",
                        "test.asm:3:1: local label '.orphan' outside any global label",
                        "test.asm:6:1: 'Dup' already defined at test.asm:5:1",
                        "test.asm:8:5: section \"v\" is in WRAM0: only ds may reserve space there",
                        "test.asm:9:9: section \"t\" already defined at test.asm:2:1",
                        "test.asm:4:1: unterminated IF (missing ENDC)");
    }

    @Test
    void overlappingFixedSectionsAreRejected() {
        assertThat(errors("SECTION \"a\", ROM0[$0150]\n ds 16\nSECTION \"b\", ROM0[$0158]\n nop\n"))
                .containsExactly(
                        "test.asm:3:1: section \"b\" overlaps section \"a\" declared at test.asm:1:1");
    }
}
