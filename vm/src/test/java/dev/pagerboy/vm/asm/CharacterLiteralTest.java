package dev.pagerboy.vm.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * RGBDS 1.0 character literals ({@code 'A'} is 65) and the handler library's use of them: RGBDS 1.0
 * warns "Treating strings as numbers is deprecated" for {@code cp "A"}, so the shipped sources must
 * compare with literals to assemble without warnings.
 */
class CharacterLiteralTest {

    private static final Pattern STRING_AS_NUMBER =
            Pattern.compile(
                    "^\\s*(cp|ld|add|adc|sub|sbc|and|or|xor)\\b[^;\"]*\"(\\\\.|[^\"\\\\])\"",
                    Pattern.CASE_INSENSITIVE);

    @Test
    void aCharacterLiteralIsItsAsciiCode() throws Exception {
        assertThat(AsmTestSupport.code("cp 'A'\nld a, '0' - 1\nld b, '\\n'\nld c, '\\''", 8))
                .containsExactly(
                        AsmTestSupport.bytes(0xFE, 0x41, 0x3E, 0x2F, 0x06, 0x0A, 0x0E, 0x27));
    }

    @Test
    void anEmptyOrLongLiteralIsAnError() {
        AssemblyException e =
                assertThrows(AssemblyException.class, () -> AsmTestSupport.code("cp 'AB'", 2));
        assertThat(e.getMessage()).contains("character literal");
    }

    @Test
    void theHandlerLibraryComparesWithCharacterLiteralsNotStrings() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("handlers"))) {
            sources = files.filter(p -> p.toString().matches(".*\\.(asm|inc)$")).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(STRING_AS_NUMBER.matcher(lines.get(i)).find())
                        .as("%s:%d: a one-character string used as a number", source, i + 1)
                        .isFalse();
            }
        }
    }
}
