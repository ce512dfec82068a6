package dev.pagerboy.vm.asm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The assembler pass: reads RGBDS-syntax source (with its macros, repetitions, conditionals and
 * includes) and produces sections of bytes plus the patches the {@link Linker} fills in once every
 * section has an address. Errors do not stop it: every one is recorded with its file, line and
 * column, and the build fails at the end with all of them.
 */
final class Assembler {

    /** Where {@code INCLUDE} looks last: the standard handler library's include files. */
    static final String LIBRARY_RESOURCES = "dev/pagerboy/vm/handlers/";

    private final AsmOptions options;
    private final InstructionEncoder encoder = new InstructionEncoder(this);
    final Map<String, Symbol> symbols = new LinkedHashMap<>();
    final List<Section> sections = new ArrayList<>();
    final List<AsmError> errors = new ArrayList<>();
    private final Map<String, Macro> macros = new HashMap<>();
    private Section current;
    private String scope;
    private int uniqueCounter;
    private int includeDepth;

    /** One physical source line. */
    record Line(String text, String file, int number, Path dir) {
        SourceLocation at(int column) {
            return new SourceLocation(file, number, column);
        }
    }

    private record Macro(String name, List<Line> body, SourceLocation defined) {}

    /** Arguments of the macro invocation being expanded, and its {@code \@} suffix. */
    private static final class Invocation {
        List<String> args;
        final String unique;

        Invocation(List<String> args, String unique) {
            this.args = args;
            this.unique = unique;
        }
    }

    Assembler(AsmOptions options) {
        this.options = options;
        options.defines()
                .forEach(
                        (name, text) -> {
                            Symbol s =
                                    new Symbol(
                                            name,
                                            Symbol.Kind.EQUS,
                                            new SourceLocation("<command line>", 0, 0));
                            s.text = text;
                            symbols.put(name, s);
                        });
    }

    void assembleFile(Path path) {
        List<Line> lines;
        try {
            lines =
                    readLines(
                            Files.readString(path, StandardCharsets.UTF_8),
                            path.toString(),
                            path.toAbsolutePath().getParent());
        } catch (IOException e) {
            errors.add(
                    new AsmError(
                            new SourceLocation(path.toString(), 0, 0),
                            "cannot read file: " + e.getMessage()));
            return;
        }
        run(lines, null);
        scope = null;
    }

    void assembleText(String name, String text, Path dir) {
        run(readLines(text, name, dir), null);
        scope = null;
    }

    private static List<Line> readLines(String text, String file, Path dir) {
        String[] raw = text.split("\r?\n", -1);
        List<Line> lines = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            lines.add(new Line(raw[i], file, i + 1, dir));
        }
        return lines;
    }

    // ---- the line loop: conditionals, macro and repeat blocks ---------------------------------

    private static final class Conditional {
        final SourceLocation opened;
        boolean active;
        boolean taken;
        boolean sawElse;
        final boolean parentActive;

        Conditional(SourceLocation opened, boolean parentActive, boolean condition) {
            this.opened = opened;
            this.parentActive = parentActive;
            this.active = parentActive && condition;
            this.taken = condition;
        }
    }

    private void run(List<Line> lines, Invocation invocation) {
        Deque<Conditional> conditionals = new ArrayDeque<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String text = invocation == null ? line.text() : substitute(line, invocation);
            String keyword = firstWord(text);
            boolean active = conditionals.isEmpty() || conditionals.peek().active;
            try {
                switch (keyword) {
                    case "IF" -> {
                        boolean condition =
                                active && constant(rest(text, line), line, "IF condition") != 0;
                        conditionals.push(
                                new Conditional(line.at(column(text, "IF")), active, condition));
                        continue;
                    }
                    case "ELIF" -> {
                        Conditional c = requireOpen(conditionals, line, "ELIF");
                        if (c.sawElse) {
                            throw new ExprParser.ParseException(line.at(1), "ELIF after ELSE");
                        }
                        if (c.taken || !c.parentActive) {
                            c.active = false;
                        } else {
                            c.active = constant(rest(text, line), line, "ELIF condition") != 0;
                            c.taken = c.active;
                        }
                        continue;
                    }
                    case "ELSE" -> {
                        Conditional c = requireOpen(conditionals, line, "ELSE");
                        if (c.sawElse) {
                            throw new ExprParser.ParseException(line.at(1), "second ELSE");
                        }
                        c.sawElse = true;
                        c.active = c.parentActive && !c.taken;
                        c.taken = true;
                        continue;
                    }
                    case "ENDC" -> {
                        requireOpen(conditionals, line, "ENDC");
                        conditionals.pop();
                        continue;
                    }
                    default -> {}
                }
                if (!active) {
                    continue;
                }
                if (keyword.equals("REPT") || keyword.equals("MACRO") || isOldStyleMacro(text)) {
                    int end = blockEnd(lines, i, keyword.equals("REPT") ? "ENDR" : "ENDM");
                    if (end < 0) {
                        throw new ExprParser.ParseException(
                                line.at(1),
                                "unterminated "
                                        + (keyword.equals("REPT")
                                                ? "REPT (missing ENDR)"
                                                : "MACRO (missing ENDM)"));
                    }
                    List<Line> body = new ArrayList<>(lines.subList(i + 1, end));
                    if (keyword.equals("REPT")) {
                        int count = constant(rest(text, line), line, "REPT count");
                        if (count < 0 || count > 0x10000) {
                            throw new ExprParser.ParseException(
                                    line.at(1), "REPT count " + count + " is outside 0..65536");
                        }
                        for (int k = 0; k < count; k++) {
                            Invocation inner =
                                    invocation == null
                                            ? new Invocation(List.of(), "_" + uniqueCounter++)
                                            : invocation;
                            run(body, inner);
                        }
                    } else {
                        defineMacro(text, line, body);
                    }
                    i = end;
                    continue;
                }
                if (keyword.equals("ENDR") || keyword.equals("ENDM")) {
                    throw new ExprParser.ParseException(
                            line.at(1), keyword + " without a matching block");
                }
                if (keyword.equals("SHIFT") && invocation != null) {
                    int count =
                            rest(text, line).isBlank()
                                    ? 1
                                    : constant(rest(text, line), line, "SHIFT count");
                    invocation.args =
                            invocation.args.subList(
                                    Math.min(count, invocation.args.size()),
                                    invocation.args.size());
                    continue;
                }
                statement(text, line, invocation);
            } catch (ExprParser.ParseException e) {
                errors.add(new AsmError(e.location, e.getMessage()));
            } catch (Lexer.LexException e) {
                errors.add(new AsmError(e.location, e.getMessage()));
            }
        }
        for (Conditional c : conditionals) {
            errors.add(new AsmError(c.opened, "unterminated IF (missing ENDC)"));
        }
    }

    private static Conditional requireOpen(Deque<Conditional> conditionals, Line line, String what)
            throws ExprParser.ParseException {
        if (conditionals.isEmpty()) {
            throw new ExprParser.ParseException(line.at(1), what + " without IF");
        }
        return conditionals.peek();
    }

    /** Index of the line that closes the block opened at {@code start}, honouring nesting. */
    private static int blockEnd(List<Line> lines, int start, String closer) {
        int depth = 0;
        for (int i = start + 1; i < lines.size(); i++) {
            String text = lines.get(i).text();
            String word = firstWord(text);
            if (word.equals("REPT") || word.equals("MACRO") || isOldStyleMacro(text)) {
                depth++;
            } else if (word.equals("ENDR") || word.equals("ENDM")) {
                if (depth == 0) {
                    return word.equals(closer) ? i : -1;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The first word of a line after any label, upper-cased; "" for none. */
    static String firstWord(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < n
                && (Character.isLetterOrDigit(text.charAt(i))
                        || "_.@#".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        if (i < n && text.charAt(i) == ':') {
            while (i < n && text.charAt(i) == ':') {
                i++;
            }
            return firstWord(text.substring(i));
        }
        return text.substring(start, i).toUpperCase(Locale.ROOT);
    }

    private static boolean isOldStyleMacro(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        return colon > 0
                && firstWord(t).equals("MACRO")
                && !t.toUpperCase(Locale.ROOT).startsWith("MACRO");
    }

    private static int column(String text, String word) {
        return text.toUpperCase(Locale.ROOT).indexOf(word) + 1;
    }

    /** The text after the first word (and any label before it). */
    private static String rest(String text, Line line) {
        String word = firstWord(text);
        int at = text.toUpperCase(Locale.ROOT).indexOf(word);
        return " ".repeat(at + word.length()) + text.substring(at + word.length());
    }

    private String substitute(Line line, Invocation invocation) {
        String text = line.text();
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char d = text.charAt(i + 1);
                if (d >= '1' && d <= '9') {
                    int index = d - '1';
                    if (index < invocation.args.size()) {
                        out.append(invocation.args.get(index));
                    } else {
                        errors.add(
                                new AsmError(
                                        line.at(i + 1), "macro argument \\" + d + " not given"));
                    }
                    i++;
                    continue;
                }
                if (d == '@') {
                    out.append(invocation.unique);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private void defineMacro(String text, Line line, List<Line> body)
            throws ExprParser.ParseException, Lexer.LexException {
        List<Token> tokens = Lexer.lex(text, line.at(1));
        String name;
        if (tokens.get(0).isIdent("MACRO")) {
            if (tokens.get(1).kind() != Token.Kind.IDENT) {
                throw new ExprParser.ParseException(
                        line.at(tokens.get(1).column()), "MACRO needs a name");
            }
            name = tokens.get(1).text();
        } else {
            name = tokens.get(0).text();
        }
        if (macros.containsKey(name)) {
            throw new ExprParser.ParseException(
                    line.at(1),
                    "macro '" + name + "' already defined at " + macros.get(name).defined());
        }
        macros.put(name, new Macro(name, body, line.at(1)));
    }

    // ---- one statement -----------------------------------------------------------------------

    private void statement(String text, Line line, Invocation invocation)
            throws ExprParser.ParseException, Lexer.LexException {
        List<Token> tokens = expandEqus(Lexer.lex(text, line.at(1)), line, 0);
        int pos = 0;
        Token first = tokens.get(0);
        if (first.kind() == Token.Kind.EOL) {
            return;
        }
        // Label definition: Name:, Name::, .local:, or .local at the start of a line.
        if (first.kind() == Token.Kind.IDENT
                && (tokens.get(1).is(":")
                        || tokens.get(1).is("::")
                        || (first.text().startsWith(".") && first.column() == 1))) {
            boolean exported = tokens.get(1).is("::");
            defineLabel(first, line, exported);
            pos = tokens.get(1).is(":") || tokens.get(1).is("::") ? 2 : 1;
        }
        Token head = tokens.get(pos);
        if (head.kind() == Token.Kind.EOL) {
            return;
        }
        if (head.kind() != Token.Kind.IDENT) {
            throw new ExprParser.ParseException(
                    line.at(head.column()),
                    "expected an instruction or directive, found '" + head.text() + "'");
        }
        String word = head.text().toUpperCase(Locale.ROOT);
        // Old-style constant definitions: NAME EQU 5, NAME = 5, NAME EQUS "x".
        Token second = tokens.get(pos + 1);
        if (second.isIdent("EQU") || second.isIdent("EQUS") || second.is("=")) {
            define(tokens, pos, line, false);
            return;
        }
        switch (word) {
            case "DEF", "REDEF" -> define(tokens, pos + 1, line, word.equals("REDEF"));
            case "SECTION" -> section(tokens, pos + 1, line);
            case "DB" -> data(tokens, pos + 1, line, 1);
            case "DW" -> data(tokens, pos + 1, line, 2);
            case "DS" -> space(tokens, pos + 1, line);
            case "INCLUDE" -> include(tokens, pos + 1, line);
            case "INCBIN" -> incbin(tokens, pos + 1, line);
            case "EXPORT" -> {
                for (int p = pos + 1;
                        tokens.get(p).kind() == Token.Kind.IDENT;
                        p += tokens.get(p + 1).is(",") ? 2 : 1) {
                    Symbol s =
                            symbols.get(
                                    fullName(
                                            tokens.get(p).text(), line.at(tokens.get(p).column())));
                    if (s != null) {
                        s.exported = true;
                    }
                }
            }
            case "PRINTLN", "PRINT", "WARN", "OPT", "PUSHO", "POPO" -> {
                // Diagnostics and option stacks have no effect on the output.
            }
            case "FAIL" ->
                    throw new ExprParser.ParseException(
                            line.at(head.column()), "FAIL: " + rest(text, line).strip());
            case "ASSERT" -> {
                ExprParser parser = parser(tokens, pos + 1, line);
                Expr e = parser.parse();
                String message = "assertion failed";
                if (parser.peek().is(",")) {
                    parser.pos++;
                    message = parser.peek().text();
                    parser.pos++;
                }
                requireEnd(parser.peek(), line);
                try {
                    if (e.eval(assemblyResolver()) == 0) {
                        errors.add(new AsmError(e.location(), message));
                    }
                } catch (Expr.Unresolved u) {
                    errors.add(
                            new AsmError(u.location, "ASSERT needs a constant: " + u.getMessage()));
                }
            }
            default -> {
                Macro macro = macros.get(head.text());
                if (macro != null) {
                    invoke(macro, text, head, line);
                } else if (InstructionEncoder.isMnemonic(head.text())) {
                    encoder.instruction(tokens, pos, line);
                } else {
                    throw new ExprParser.ParseException(
                            line.at(head.column()),
                            "unknown instruction, directive or macro '" + head.text() + "'");
                }
            }
        }
    }

    /** Replaces identifiers that name EQUS constants by the tokens of their text. */
    private List<Token> expandEqus(List<Token> tokens, Line line, int depth)
            throws Lexer.LexException, ExprParser.ParseException {
        if (depth > 32) {
            throw new ExprParser.ParseException(
                    line.at(1), "EQUS expansion nested too deeply (recursive definition?)");
        }
        List<Token> out = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Symbol s = t.kind() == Token.Kind.IDENT ? symbols.get(t.text()) : null;
            boolean protectedName =
                    i > 0
                            && (tokens.get(i - 1).isIdent("DEF")
                                    || tokens.get(i - 1).isIdent("REDEF")
                                    || tokens.get(i - 1).isIdent("PURGE")
                                    || (i > 1
                                            && tokens.get(i - 1).is("(")
                                            && tokens.get(i - 2).isIdent("DEF")));
            boolean nameBeforeEqus = i + 1 < tokens.size() && tokens.get(i + 1).isIdent("EQUS");
            if (s != null && s.kind == Symbol.Kind.EQUS && !protectedName && !nameBeforeEqus) {
                if (out == null) {
                    out = new ArrayList<>(tokens.subList(0, i));
                }
                List<Token> inner = Lexer.lex(s.text, line.at(t.column()));
                for (Token it : expandEqus(inner, line, depth + 1)) {
                    if (it.kind() != Token.Kind.EOL) {
                        out.add(new Token(it.kind(), it.text(), it.number(), t.column()));
                    }
                }
            } else if (out != null) {
                out.add(t);
            }
        }
        return out == null ? tokens : out;
    }

    private void invoke(Macro macro, String text, Token head, Line line) {
        if (++includeDepth > 64) {
            includeDepth--;
            errors.add(
                    new AsmError(
                            line.at(head.column()), "macros nested too deeply (recursive macro?)"));
            return;
        }
        int start = Math.min(text.length(), head.column() - 1 + head.text().length());
        List<String> args = splitArguments(stripComment(text.substring(start)));
        Invocation invocation = new Invocation(args, "_" + uniqueCounter++);
        Symbol narg = new Symbol("_NARG", Symbol.Kind.VARIABLE, line.at(1));
        Symbol saved = symbols.put("_NARG", narg);
        narg.value = args.size();
        run(macro.body(), invocation);
        if (saved != null) {
            symbols.put("_NARG", saved);
        } else {
            symbols.remove("_NARG");
        }
        includeDepth--;
    }

    private static String stripComment(String text) {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (c == ';' && !inString) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** Splits macro arguments at top-level commas (not inside strings or parentheses). */
    static List<String> splitArguments(String text) {
        List<String> args = new ArrayList<>();
        if (text.isBlank()) {
            return args;
        }
        StringBuilder arg = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == '(' || c == '[')) {
                depth++;
            } else if (!inString && (c == ')' || c == ']')) {
                depth--;
            } else if (!inString && depth == 0 && c == ',') {
                args.add(arg.toString().strip());
                arg.setLength(0);
                continue;
            }
            arg.append(c);
        }
        args.add(arg.toString().strip());
        return args;
    }

    // ---- symbols ----------------------------------------------------------------------------

    String fullName(String name, SourceLocation where) throws ExprParser.ParseException {
        if (name.startsWith(".")) {
            if (scope == null) {
                throw new ExprParser.ParseException(
                        where, "local label '" + name + "' outside any global label");
            }
            return scope + name;
        }
        return name;
    }

    private void defineLabel(Token token, Line line, boolean exported)
            throws ExprParser.ParseException {
        SourceLocation where = line.at(token.column());
        if (current == null) {
            throw new ExprParser.ParseException(
                    where, "label '" + token.text() + "' outside a section");
        }
        String name = fullName(token.text(), where);
        Symbol existing = symbols.get(name);
        if (existing != null) {
            throw new ExprParser.ParseException(
                    where, "'" + name + "' already defined at " + existing.defined);
        }
        Symbol label = new Symbol(name, Symbol.Kind.LABEL, where);
        label.section = current;
        label.offset = current.size();
        label.exported = exported;
        symbols.put(name, label);
        if (!token.text().startsWith(".") && !token.text().contains(".")) {
            scope = name;
        }
    }

    private void define(List<Token> tokens, int pos, Line line, boolean redefine)
            throws ExprParser.ParseException {
        Token nameToken = tokens.get(pos);
        if (nameToken.kind() != Token.Kind.IDENT) {
            throw new ExprParser.ParseException(
                    line.at(nameToken.column()), "expected a symbol name");
        }
        String name = fullName(nameToken.text(), line.at(nameToken.column()));
        Token kind = tokens.get(pos + 1);
        Symbol existing = symbols.get(name);
        SourceLocation where = line.at(nameToken.column());
        if (kind.isIdent("EQUS")) {
            Token value = tokens.get(pos + 2);
            if (value.kind() != Token.Kind.STRING) {
                throw new ExprParser.ParseException(line.at(value.column()), "EQUS needs a string");
            }
            requireEnd(tokens.get(pos + 3), line);
            checkRedefinition(existing, where, redefine, Symbol.Kind.EQUS);
            Symbol s = new Symbol(name, Symbol.Kind.EQUS, where);
            s.text = value.text();
            symbols.put(name, s);
            return;
        }
        boolean variable = kind.is("=");
        if (!variable && !kind.isIdent("EQU")) {
            throw new ExprParser.ParseException(
                    line.at(kind.column()), "expected EQU, EQUS or = after '" + name + "'");
        }
        ExprParser parser = parser(tokens, pos + 2, line);
        Expr e = parser.parse();
        requireEnd(parser.peek(), line);
        int value = constant(e, "value of " + name);
        if (variable) {
            if (existing != null && existing.kind != Symbol.Kind.VARIABLE) {
                throw new ExprParser.ParseException(
                        where,
                        "'" + name + "' already defined at " + existing.defined + " as a constant");
            }
        } else {
            checkRedefinition(existing, where, redefine, Symbol.Kind.EQU);
        }
        Symbol s = new Symbol(name, variable ? Symbol.Kind.VARIABLE : Symbol.Kind.EQU, where);
        s.value = value;
        symbols.put(name, s);
    }

    private static void checkRedefinition(
            Symbol existing, SourceLocation where, boolean redefine, Symbol.Kind kind)
            throws ExprParser.ParseException {
        if (existing != null && !(redefine && existing.kind == kind)) {
            throw new ExprParser.ParseException(
                    where, "'" + existing.name + "' already defined at " + existing.defined);
        }
    }

    // ---- sections and data ------------------------------------------------------------------

    private void section(List<Token> tokens, int pos, Line line) throws ExprParser.ParseException {
        Token nameToken = tokens.get(pos);
        if (nameToken.kind() != Token.Kind.STRING) {
            throw new ExprParser.ParseException(
                    line.at(nameToken.column()), "SECTION needs a quoted name");
        }
        ExprParser parser = parser(tokens, pos + 1, line);
        parser.expect(",");
        Token typeToken = parser.peek();
        MemoryRegion region;
        try {
            region = MemoryRegion.valueOf(typeToken.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExprParser.ParseException(
                    line.at(typeToken.column()),
                    "unknown section type '"
                            + typeToken.text()
                            + "' (ROM0, ROMX, VRAM, SRAM, WRAM0, WRAMX, OAM or HRAM)");
        }
        parser.pos++;
        int address = -1;
        int bank = -1;
        if (parser.peek().is("[")) {
            parser.pos++;
            SourceLocation at = line.at(parser.peek().column());
            address = constant(parser.parse(), "section address");
            parser.expect("]");
            if (address < region.start || address >= region.end()) {
                throw new ExprParser.ParseException(
                        at,
                        String.format(
                                "address $%04X is outside %s ($%04X-$%04X)",
                                address, region, region.start, region.end() - 1));
            }
        }
        while (parser.peek().is(",")) {
            parser.pos++;
            Token option = parser.peek();
            parser.pos++;
            if (option.isIdent("BANK")) {
                parser.expect("[");
                SourceLocation at = line.at(parser.peek().column());
                bank = constant(parser.parse(), "bank");
                parser.expect("]");
                if (!region.banked) {
                    throw new ExprParser.ParseException(at, region + " sections have no banks");
                }
                if (bank < region.firstBank() || bank > 511) {
                    throw new ExprParser.ParseException(
                            at, "bank " + bank + " is out of range for " + region);
                }
            } else {
                throw new ExprParser.ParseException(
                        line.at(option.column()),
                        "unsupported section option '" + option.text() + "' (only BANK[n])");
            }
        }
        requireEnd(parser.peek(), line);
        for (Section s : sections) {
            if (s.name.equals(nameToken.text())) {
                throw new ExprParser.ParseException(
                        line.at(nameToken.column()),
                        "section \"" + s.name + "\" already defined at " + s.declared);
            }
        }
        current = new Section(nameToken.text(), region, address, bank, line.at(1));
        sections.add(current);
    }

    private Section requireSection(Line line, int column) throws ExprParser.ParseException {
        if (current == null) {
            throw new ExprParser.ParseException(line.at(column), "code or data outside a section");
        }
        return current;
    }

    Section requireRomSection(Line line, int column) throws ExprParser.ParseException {
        Section s = requireSection(line, column);
        if (!s.region.rom) {
            throw new ExprParser.ParseException(
                    line.at(column),
                    "section \""
                            + s.name
                            + "\" is in "
                            + s.region
                            + ": only ds may reserve space there");
        }
        return s;
    }

    private void data(List<Token> tokens, int pos, Line line, int width)
            throws ExprParser.ParseException {
        Section section = requireRomSection(line, tokens.get(pos - 1).column());
        if (tokens.get(pos).kind() == Token.Kind.EOL) {
            section.emit(0);
            if (width == 2) {
                section.emit(0);
            }
            return;
        }
        while (true) {
            Token t = tokens.get(pos);
            if (t.kind() == Token.Kind.STRING
                    && (tokens.get(pos + 1).is(",")
                            || tokens.get(pos + 1).kind() == Token.Kind.EOL)) {
                for (byte b : t.text().getBytes(StandardCharsets.UTF_8)) {
                    section.emit(b);
                    if (width == 2) {
                        section.emit(0);
                    }
                }
                pos++;
            } else {
                ExprParser parser = parser(tokens, pos, line);
                Expr e = parser.parse();
                pos = parser.pos;
                value(section, e, width == 1 ? Section.Patch.Kind.BYTE : Section.Patch.Kind.WORD);
            }
            Token next = tokens.get(pos);
            if (next.kind() == Token.Kind.EOL) {
                return;
            }
            if (!next.is(",")) {
                throw new ExprParser.ParseException(
                        line.at(next.column()),
                        "expected ',' between values, found '" + next.text() + "'");
            }
            pos++;
        }
    }

    private void space(List<Token> tokens, int pos, Line line) throws ExprParser.ParseException {
        Section section = requireSection(line, tokens.get(pos - 1).column());
        ExprParser parser = parser(tokens, pos, line);
        int count = constant(parser.parse(), "ds size");
        if (count < 0 || count > section.region.size) {
            throw new ExprParser.ParseException(
                    line.at(tokens.get(pos).column()),
                    "ds size "
                            + count
                            + " is outside 0.."
                            + section.region.size
                            + " ("
                            + section.region
                            + ")");
        }
        List<Expr> fill = new ArrayList<>();
        while (parser.peek().is(",")) {
            parser.pos++;
            fill.add(parser.parse());
        }
        requireEnd(parser.peek(), line);
        if (!fill.isEmpty() && !section.region.rom) {
            throw new ExprParser.ParseException(
                    line.at(tokens.get(pos).column()),
                    "section \""
                            + section.name
                            + "\" is in "
                            + section.region
                            + ": ds cannot fill it");
        }
        if (fill.isEmpty()) {
            section.reserve(count);
            return;
        }
        for (int i = 0; i < count; i++) {
            value(section, fill.get(i % fill.size()), Section.Patch.Kind.BYTE);
        }
    }

    private void include(List<Token> tokens, int pos, Line line) throws ExprParser.ParseException {
        Token file = tokens.get(pos);
        if (file.kind() != Token.Kind.STRING) {
            throw new ExprParser.ParseException(
                    line.at(file.column()), "INCLUDE needs a quoted file name");
        }
        requireEnd(tokens.get(pos + 1), line);
        if (includeDepth > 32) {
            throw new ExprParser.ParseException(
                    line.at(file.column()), "INCLUDE nested too deeply");
        }
        Resolved source = resolveFile(file.text(), line, file.column());
        includeDepth++;
        String savedScope = scope;
        run(
                readLines(
                        new String(source.bytes, StandardCharsets.UTF_8), source.name, source.dir),
                null);
        scope = savedScope;
        includeDepth--;
    }

    private void incbin(List<Token> tokens, int pos, Line line) throws ExprParser.ParseException {
        Section section = requireRomSection(line, tokens.get(pos - 1).column());
        Token file = tokens.get(pos);
        if (file.kind() != Token.Kind.STRING) {
            throw new ExprParser.ParseException(
                    line.at(file.column()), "INCBIN needs a quoted file name");
        }
        byte[] bytes = resolveFile(file.text(), line, file.column()).bytes;
        ExprParser parser = parser(tokens, pos + 1, line);
        int start = 0;
        int length = bytes.length;
        if (parser.peek().is(",")) {
            parser.pos++;
            start = constant(parser.parse(), "INCBIN start");
            length = bytes.length - start;
            if (parser.peek().is(",")) {
                parser.pos++;
                length = constant(parser.parse(), "INCBIN length");
            }
        }
        requireEnd(parser.peek(), line);
        if (start < 0 || length < 0 || start + length > bytes.length) {
            throw new ExprParser.ParseException(
                    line.at(file.column()),
                    "INCBIN range "
                            + start
                            + "+"
                            + length
                            + " is outside the file's "
                            + bytes.length
                            + " bytes");
        }
        for (int i = 0; i < length; i++) {
            section.emit(bytes[start + i]);
        }
    }

    private record Resolved(String name, byte[] bytes, Path dir) {}

    private Resolved resolveFile(String name, Line line, int column)
            throws ExprParser.ParseException {
        List<Path> candidates = new ArrayList<>();
        if (line.dir() != null) {
            candidates.add(line.dir().resolve(name));
        }
        for (Path p : options.includePaths()) {
            candidates.add(p.resolve(name));
        }
        candidates.add(Path.of(name));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return new Resolved(
                            p.toString(), Files.readAllBytes(p), p.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new ExprParser.ParseException(
                            line.at(column), "cannot read '" + p + "': " + e.getMessage());
                }
            }
        }
        try (InputStream in =
                Assembler.class.getClassLoader().getResourceAsStream(LIBRARY_RESOURCES + name)) {
            if (in != null) {
                return new Resolved(name, in.readAllBytes(), null);
            }
        } catch (IOException e) {
            throw new ExprParser.ParseException(
                    line.at(column), "cannot read '" + name + "': " + e.getMessage());
        }
        throw new ExprParser.ParseException(line.at(column), "file '" + name + "' not found");
    }

    // ---- values -----------------------------------------------------------------------------

    /** Emits a value now if it is known, else reserves its bytes and records a patch. */
    void value(Section section, Expr e, Section.Patch.Kind kind) {
        int offset = section.size();
        int width = kind == Section.Patch.Kind.WORD ? 2 : 1;
        for (int i = 0; i < width; i++) {
            section.emit(0);
        }
        section.patches.add(new Section.Patch(offset, kind, bindVariables(e), e.location()));
    }

    /**
     * Replaces references to numeric constants and variables by their current values: a variable
     * redefined later (for example a REPT counter) must keep the value it had on this line.
     */
    private Expr bindVariables(Expr e) {
        if (e instanceof Expr.Sym sym) {
            Symbol s = symbols.get(sym.name());
            if (s != null && (s.kind == Symbol.Kind.EQU || s.kind == Symbol.Kind.VARIABLE)) {
                return new Expr.Num(s.value, sym.location());
            }
            return e;
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), bindVariables(u.operand()), u.location());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(
                    b.op(), bindVariables(b.left()), bindVariables(b.right()), b.location());
        }
        if (e instanceof Expr.Call c && c.argument() != null) {
            return new Expr.Call(c.function(), bindVariables(c.argument()), null, c.location());
        }
        if (e instanceof Expr.Call c && c.function().equals("DEF")) {
            return new Expr.Num(symbols.containsKey(c.symbolArgument()) ? 1 : 0, c.location());
        }
        return e;
    }

    private ExprParser parser(List<Token> tokens, int pos, Line line) {
        Section s = current;
        return new ExprParser(tokens, pos, line.at(1), this::fullName, s, s == null ? 0 : s.size());
    }

    private int constant(String text, Line line, String what)
            throws ExprParser.ParseException, Lexer.LexException {
        List<Token> tokens = expandEqus(Lexer.lex(text, line.at(1)), line, 0);
        ExprParser parser = parser(tokens, 0, line);
        Expr e = parser.parse();
        requireEnd(parser.peek(), line);
        return constant(e, what);
    }

    int constant(Expr e, String what) throws ExprParser.ParseException {
        try {
            return e.eval(assemblyResolver());
        } catch (Expr.Unresolved u) {
            throw new ExprParser.ParseException(
                    u.location,
                    u.fatal ? u.getMessage() : what + " must be constant here: " + u.getMessage());
        }
    }

    static void requireEnd(Token t, Line line) throws ExprParser.ParseException {
        if (t.kind() != Token.Kind.EOL) {
            throw new ExprParser.ParseException(
                    line.at(t.column()), "unexpected '" + t.text() + "'");
        }
    }

    /** Resolves what is known while assembling: constants and labels in fixed sections. */
    Expr.Resolver assemblyResolver() {
        return new Expr.Resolver() {
            @Override
            public int symbol(String name, SourceLocation where) throws Expr.Unresolved {
                Symbol s = symbols.get(name);
                if (s == null) {
                    throw new Expr.Unresolved(where, "'" + name + "' is not defined", false);
                }
                if (s.kind == Symbol.Kind.LABEL) {
                    if (s.section.address < 0) {
                        throw new Expr.Unresolved(
                                where, "'" + name + "' is in a floating section", false);
                    }
                    return s.section.address + s.offset;
                }
                if (s.kind == Symbol.Kind.EQUS) {
                    throw new Expr.Unresolved(where, "'" + name + "' is a string", true);
                }
                return s.value;
            }

            @Override
            public int address(Section section, int offset, SourceLocation where)
                    throws Expr.Unresolved {
                if (section.address < 0) {
                    throw new Expr.Unresolved(where, "'@' is in a floating section", false);
                }
                return section.address + offset;
            }

            @Override
            public int bank(String name, SourceLocation where) throws Expr.Unresolved {
                Symbol s = symbols.get(name);
                if (s == null || s.kind != Symbol.Kind.LABEL || s.section.bank < 0) {
                    throw new Expr.Unresolved(
                            where, "bank of '" + name + "' is not known yet", false);
                }
                return s.section.bank;
            }

            @Override
            public boolean defined(String name) {
                return symbols.containsKey(name);
            }
        };
    }
}
