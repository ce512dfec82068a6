package dev.pagerboy.vm.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage in gives errors out: thousands of random lines built from assembler vocabulary never make
 * the assembler throw anything but an {@link AssemblyException} with located errors.
 */
class AssemblerRobustnessTest {

    private static final List<String> WORDS =
            List.of(
                    "ld",
                    "a",
                    "[",
                    "]",
                    "hl",
                    "+",
                    "-",
                    ",",
                    "$FF",
                    "%",
                    "&",
                    "0x",
                    "SECTION",
                    "\"s\"",
                    "ROM0",
                    "WRAM0",
                    "DEF",
                    "EQU",
                    "EQUS",
                    "=",
                    "MACRO",
                    "ENDM",
                    "REPT",
                    "ENDR",
                    "IF",
                    "ELSE",
                    "ENDC",
                    "ELIF",
                    "db",
                    "dw",
                    "ds",
                    "Label:",
                    ".local:",
                    "::",
                    "(",
                    ")",
                    "HIGH",
                    "LOW",
                    "@",
                    "\\1",
                    "\\@",
                    "jr",
                    "jp",
                    "c",
                    "nz",
                    "sp",
                    "ldh",
                    "INCLUDE",
                    "INCBIN",
                    "BANK",
                    "STRLEN",
                    "\"",
                    "999999999999",
                    "**",
                    "<<",
                    "SHIFT",
                    "_NARG",
                    "ASSERT",
                    "rst",
                    "bit",
                    "7",
                    "{",
                    ";",
                    "'",
                    "\t",
                    "é");

    @Test
    void randomLinesOnlyEverProduceLocatedErrors() {
        Random random = new Random(42);
        for (int program = 0; program < 300; program++) {
            StringBuilder src = new StringBuilder("SECTION \"t\", ROM0[$0150]\nStart:\n");
            for (int line = 0; line < 12; line++) {
                int words = 1 + random.nextInt(6);
                for (int w = 0; w < words; w++) {
                    src.append(WORDS.get(random.nextInt(WORDS.size())))
                            .append(random.nextBoolean() ? " " : "");
                }
                src.append('\n');
            }
            try {
                Rgbds.buildText("fuzz.asm", src.toString(), Path.of("."), AsmOptions.defaults());
            } catch (AssemblyException e) {
                for (AsmError error : e.errors()) {
                    assertThat(error.toString())
                            .matches("(?s)(fuzz\\.asm|<command line>):\\d+:\\d+: .+");
                }
            } catch (RuntimeException | StackOverflowError e) {
                fail("program " + program + " crashed the assembler:\n" + src, e);
            }
        }
    }

    @Test
    void hugeCountsAreErrorsNotHangs() {
        for (String line : List.of(" ds 100000000", "REPT 100000000\n nop\nENDR")) {
            try {
                Rgbds.buildText(
                        "big.asm",
                        "SECTION \"t\", ROM0\n" + line + "\n",
                        Path.of("."),
                        AsmOptions.defaults());
                fail("expected an error for " + line);
            } catch (AssemblyException e) {
                assertThat(e.errors().get(0).toString()).startsWith("big.asm:2:");
            }
        }
    }
}
