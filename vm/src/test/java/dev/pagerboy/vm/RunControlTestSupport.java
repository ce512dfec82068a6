package dev.pagerboy.vm;

import dev.pagerboy.vm.cpu.Cpu;

final class RunControlTestSupport {

    private RunControlTestSupport() {}

    static String registers(GameBoy gb) {
        Cpu c = gb.cpu();
        return String.format(
                "A=%02X F=%02X B=%02X C=%02X D=%02X E=%02X H=%02X L=%02X SP=%04X PC=%04X",
                c.a(), c.f(), c.b(), c.c(), c.d(), c.e(), c.h(), c.l(), c.sp(), c.pc());
    }
}
