package dev.pagerboy.vm.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped handler ROMs, pinned byte for byte by SHA-256. The values are what rgbasm + rgblink +
 * {@code rgbfix -v -p 0xFF -t TITLE} produce for these sources under rgblink's placement and fill
 * rules; vm/ASSEMBLER.md ("The shipped handlers' bytes") lists where each section lands and why. A
 * change to a handler source, the library, the assembler or the linker that moves a byte fails
 * here: update the value and the table in ASSEMBLER.md together, and the SHA-256 the job
 * configuration pins for the handlers it routes to.
 */
class ShippedRomBytesTest {

    private static final Map<String, String> PINNED =
            Map.of(
                    "business-hours",
                    "f751797c4d305f81ce1599c0b5efea2d775c92eff0e2fb6f00dcb7062dde7bf1",
                    "flap-detector",
                    "f58e5fd6d7e170df50cda29304e2dedd61601001fef644a0e4d6d8dc37340350",
                    "route-by-label",
                    "4c5770f8b1fec44979e212dd8b04a276280443747c0e43dad2757c3cd04a92e1",
                    "severity",
                    "7c478efd3ef61daa71af4a0e394d7bc45d51470112dc9c6a2f070a0a4a2a133b",
                    "storm-throttle",
                    "08fa869565ecf71fb7a55b397fb2eab6b1c7724629a512590361a2ad47fe67a1");

    @Test
    void everyShippedHandlerHasItsPinnedBytes() {
        assertThat(HandlerRom.LIBRARY).containsExactlyInAnyOrderElementsOf(PINNED.keySet());
        for (String name : HandlerRom.LIBRARY) {
            HandlerRom rom = HandlerRom.library(name);
            assertThat(rom.sha256Hex()).as(name).isEqualTo(PINNED.get(name));
            byte[] bytes = rom.bytes();
            assertThat(bytes).as(name + ": ROM0 only, padded by rgbfix to 32 KiB").hasSize(0x8000);
            assertThat(Arrays.copyOfRange(bytes, 0x4000, 0x8000))
                    .as(name + ": the bank rgblink did not write is rgbfix's 0xFF")
                    .containsOnly((byte) 0xFF);
        }
    }
}
