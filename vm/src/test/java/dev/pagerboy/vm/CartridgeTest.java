package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CartridgeTest {

    @Test
    void acceptsAValidRomAndReadsItsHeader() throws Exception {
        Cartridge c = Cartridge.fromBytes(TestRoms.mbc1(0x20000, 3).image());
        assertThat(c.mapper()).isEqualTo(Cartridge.Mapper.MBC1);
        assertThat(c.type()).isEqualTo(0x03);
        assertThat(c.romSize()).isEqualTo(0x20000);
        assertThat(c.ramSize()).isEqualTo(32 * 1024);
        assertThat(c.title()).isEqualTo("PAGERBOY TEST");
        assertThat(c.sha256()).hasSize(64);
    }

    @Test
    void rejectsAnImageShorterThanTheHeader() {
        assertThatThrownBy(() -> Cartridge.fromBytes(new byte[0x100]))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("truncated ROM: 256 bytes");
    }

    @Test
    void rejectsAnImageShorterThanItsHeaderDeclares() {
        byte[] image = TestRoms.mbc1(0x10000, 0).image();
        assertThatThrownBy(() -> Cartridge.fromBytes(Arrays.copyOf(image, 0xC000)))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("truncated ROM")
                .hasMessageContaining("declares 64 KiB");
    }

    @Test
    void rejectsAnImageLongerThanItsHeaderDeclares() {
        byte[] image = TestRoms.romOnly().image();
        assertThatThrownBy(() -> Cartridge.fromBytes(Arrays.copyOf(image, 0x9000)))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("wrong ROM size")
                .hasMessageContaining("36864 bytes");
    }

    @Test
    void rejectsAnUnknownCartridgeType() {
        byte[] image = TestRoms.romOnly().at(0x147, 0x13).image(); // MBC3+RAM+BATTERY
        assertThatThrownBy(() -> Cartridge.fromBytes(image))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("cartridge type 0x13");
    }

    @Test
    void rejectsABadHeaderChecksum() {
        byte[] image = TestRoms.romOnly().image();
        image[0x14D]++;
        assertThatThrownBy(() -> Cartridge.fromBytes(image))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("bad header checksum");
    }

    @Test
    void rejectsABadGlobalChecksum() {
        byte[] image = TestRoms.romOnly().image();
        image[0x7FFF] ^= 1;
        assertThatThrownBy(() -> Cartridge.fromBytes(image))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("bad global checksum");
    }

    @Test
    void acceptsABadGlobalChecksumOnlyWhenAskedToBehaveLikeHardware() throws InvalidRomException {
        byte[] image = TestRoms.romOnly().image();
        image[0x7FFF] ^= 1;
        Cartridge lenient = Cartridge.fromBytes(image, false);
        assertThat(lenient.globalChecksumMatches()).isFalse();
        assertThat(Cartridge.fromBytes(TestRoms.romOnly().image()).globalChecksumMatches())
                .isTrue();
    }

    @Test
    void rejectsAnUnknownRamSize() {
        byte[] image = TestRoms.mbc1(0x10000, 0).at(0x147, 0x03).at(0x149, 0x05).image();
        assertThatThrownBy(() -> Cartridge.fromBytes(image))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("RAM size code 0x05");
    }

    @Test
    void namesTheFileThatCannotBeRead(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.gb");
        assertThatThrownBy(() -> Cartridge.load(missing))
                .isInstanceOf(InvalidRomException.class)
                .hasMessageContaining("cannot read ROM file")
                .hasMessageContaining("missing.gb");
        Path rom = dir.resolve("ok.gb");
        Files.write(rom, TestRoms.romOnly().image());
        assertThat(Cartridge.load(rom).romSize()).isEqualTo(0x8000);
    }
}
