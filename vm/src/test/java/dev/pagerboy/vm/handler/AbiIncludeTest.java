package dev.pagerboy.vm.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.Rgbds;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** vm/handlers/abi.inc and HandlerAbi must give every ABI address the same value. */
class AbiIncludeTest {

    @Test
    void includeFileAgreesWithTheRuntime() throws Exception {
        Map<String, String> pairs = new TreeMap<>();
        for (Field f : HandlerAbi.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                String name = f.getName();
                String asm =
                        name.startsWith("IN_") || name.startsWith("OUT_")
                                ? "ABI_" + name
                                : switch (name) {
                                    case "INPUT",
                                            "INPUT_SIZE",
                                            "DECISION",
                                            "DONE",
                                            "STATE",
                                            "STATE_SIZE",
                                            "WORK",
                                            "STACK_TOP" ->
                                            "ABI_" + name;
                                    case "VERSION" -> "ABI_VERSION";
                                    case "LABEL_KEY_SLOT",
                                            "LABEL_VALUE_SLOT",
                                            "LABEL_SIZE",
                                            "OUT_SUMMARY_SLOT",
                                            "FLAG_SUPPRESS" ->
                                            name;
                                    case "MAX_OUTPUT_LABELS" -> "MAX_OUT_LABELS";
                                    default ->
                                            name.startsWith("TRUNC_")
                                                            || name.startsWith("STATUS_FIRING")
                                                            || name.startsWith("STATUS_RESOLVED")
                                                    ? name
                                                    : null;
                                };
                if (asm != null) {
                    pairs.put(asm, String.valueOf(f.getInt(null)));
                }
            }
        }
        pairs.remove("ABI_OUT_SUMMARY_SLOT");
        pairs.put("OUT_SUMMARY_SLOT", String.valueOf(HandlerAbi.OUT_SUMMARY_SLOT));
        StringBuilder src = new StringBuilder("INCLUDE \"abi.inc\"\n");
        pairs.forEach(
                (asm, value) ->
                        src.append("ASSERT ")
                                .append(asm)
                                .append(" == ")
                                .append(value)
                                .append(", \"")
                                .append(asm)
                                .append(" differs from HandlerAbi\"\n"));
        src.append("SECTION \"x\", ROM0[$0100]\n nop\n");
        assertThat(pairs).hasSizeGreaterThan(40);
        Rgbds.buildText("abi-check.asm", src.toString(), Path.of("."), AsmOptions.defaults());
    }
}
