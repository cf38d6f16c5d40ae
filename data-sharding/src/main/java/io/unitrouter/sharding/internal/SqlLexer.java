package io.unitrouter.sharding.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Reads SQL text just far enough to know what a SQL parser cannot say: which characters are code (and which
 * are inside comments, literals or quoted identifiers), whether the text holds more than one statement,
 * whether it holds executable comments, and which words and quoted identifiers it names.
 *
 * <p>A database reads some constructs according to its settings: MariaDB honours backslash escapes in
 * literals unless {@code NO_BACKSLASH_ESCAPES} is set and reads {@code "..."} as an identifier under
 * {@code ANSI_QUOTES}; PostgreSQL honours backslashes in plain literals only when
 * {@code standard_conforming_strings} is off; and ShardingSphere reads H2's SQL with its MySQL grammar,
 * which H2 itself does not follow (no backslash escapes, no {@code #} comments, nested block comments,
 * {@code $$} literals). The lexer therefore reads the text once per plausible reading of its dialect and
 * reports it as {@linkplain Lexed#ambiguous() ambiguous} when the readings disagree on where the code is:
 * such text could mean one thing to the guard and another to the database.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlLexer {

    /** The families of lexical rules. */
    public enum Dialect {
        /** MySQL and MariaDB. */
        MYSQL,
        /** PostgreSQL. */
        POSTGRESQL,
        /** H2 (in any compatibility mode), whose SQL ShardingSphere parses with its MySQL grammar. */
        H2;

        /**
         * The dialect of a database product or ShardingSphere database type name.
         *
         * @param name e.g. {@code MariaDB}, {@code MySQL}, {@code PostgreSQL}, {@code H2}
         * @return the dialect; {@link #MYSQL} for names it does not know, whose readings include the most
         *     constructs that hide code
         */
        public static Dialect of(String name) {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (lower.contains("postgres") || lower.contains("opengauss")) {
                return POSTGRESQL;
            }
            if (lower.contains("h2")) {
                return H2;
            }
            return MYSQL;
        }
    }

    /** How {@code $} quotes literals. */
    private enum Dollar { NONE, TAGGED, PLAIN }

    /** One way of reading text. */
    private record Reading(boolean hashComments, boolean dashDashNeedsSpace, boolean slashSlashComments,
            boolean nestedComments, boolean executableComments, boolean doubleQuoteIsString,
            boolean backslashInSingle, boolean backslashInDouble, boolean backticks, Dollar dollar,
            boolean escapeStrings) {
    }

    private static final List<Reading> MYSQL_READINGS = List.of(
            // Defaults: backslash escapes in both kinds of string.
            new Reading(true, true, false, false, true, true, true, true, true, Dollar.NONE, false),
            // NO_BACKSLASH_ESCAPES.
            new Reading(true, true, false, false, true, true, false, false, true, Dollar.NONE, false),
            // ANSI_QUOTES: "..." is an identifier, in which a backslash is an ordinary character.
            new Reading(true, true, false, false, true, false, true, false, true, Dollar.NONE, false),
            // ANSI_QUOTES and NO_BACKSLASH_ESCAPES.
            new Reading(true, true, false, false, true, false, false, false, true, Dollar.NONE, false));

    private static final List<Reading> POSTGRESQL_READINGS = List.of(
            // standard_conforming_strings on (the default since 9.1).
            new Reading(false, false, false, true, false, false, false, false, false, Dollar.TAGGED, true),
            // standard_conforming_strings off.
            new Reading(false, false, false, true, false, false, true, false, false, Dollar.TAGGED, true));

    private static final List<Reading> H2_READINGS;

    static {
        List<Reading> h2 = new ArrayList<>(MYSQL_READINGS);
        h2.add(new Reading(false, false, true, true, false, false, false, false, true, Dollar.PLAIN, false));
        H2_READINGS = List.copyOf(h2);
    }

    private SqlLexer() {
    }

    /**
     * Reads a text under every plausible reading of its dialect.
     *
     * @param sql the text
     * @param dialect the lexical family
     * @return what the readings found; when they disagree, {@link Lexed#ambiguous()} is set and the other
     *     fields combine what every reading found
     */
    public static Lexed lex(String sql, Dialect dialect) {
        List<Reading> readings = switch (dialect) {
            case MYSQL -> MYSQL_READINGS;
            case POSTGRESQL -> POSTGRESQL_READINGS;
            case H2 -> H2_READINGS;
        };
        Lexed first = null;
        boolean ambiguous = false;
        List<Word> words = new ArrayList<>();
        boolean multiple = false;
        boolean executable = false;
        for (Reading reading : readings) {
            Lexed lexed = new Scan(sql, reading).run();
            if (first == null) {
                first = lexed;
            } else if (!lexed.code.equals(first.code)) {
                ambiguous = true;
            }
            multiple |= lexed.multipleStatements;
            executable |= lexed.executableComment;
            for (Word word : lexed.words) {
                if (!words.contains(word)) {
                    words.add(word);
                }
            }
        }
        return new Lexed(first.code, List.copyOf(words), multiple, executable, ambiguous);
    }

    /**
     * A word of code, or a quoted identifier.
     *
     * @param text the word, lower-case; a quoted identifier without its quotes
     * @param start offset of its first character (or opening quote) in the text
     * @param end offset after its last character (or closing quote)
     * @param quoted whether it was a quoted identifier
     * @param call whether the next code character after it is {@code (}
     */
    public record Word(String text, int start, int end, boolean quoted, boolean call) {
    }

    /**
     * What a text holds.
     *
     * @param code the offsets of code characters (outside comments, literals and quoted identifiers; the
     *     content of an executable comment counts as code)
     * @param words the words of code and the quoted identifiers, in order
     * @param multipleStatements whether code follows a {@code ;} of code
     * @param executableComment whether a MySQL executable comment ({@code /*!...*}{@code /},
     *     {@code /*M!...*}{@code /}) appears, in any dialect (only MySQL and MariaDB run its content)
     * @param ambiguous whether plausible readings of the dialect disagree on where the code is
     */
    public record Lexed(BitSet code, List<Word> words, boolean multipleStatements, boolean executableComment,
            boolean ambiguous) {

        /** The first word of code, lower-case, or the empty string. */
        public String firstKeyword() {
            for (Word word : words) {
                if (!word.quoted()) {
                    return word.text();
                }
            }
            return "";
        }

        /** Whether a word of code (not a quoted identifier) equals the given lower-case keyword. */
        public boolean hasKeyword(String keyword) {
            for (Word word : words) {
                if (!word.quoted() && word.text().equals(keyword)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One reading of one text. */
    private static final class Scan {

        private final String sql;
        private final Reading reading;
        private final int n;
        private final BitSet code = new BitSet();
        private final List<Word> words = new ArrayList<>();
        private boolean executable;
        private boolean afterSemicolon;
        private boolean multiple;

        Scan(String sql, Reading reading) {
            this.sql = sql;
            this.reading = reading;
            this.n = sql.length();
        }

        Lexed run() {
            int i = 0;
            while (i < n) {
                i = step(i);
            }
            markCalls();
            return new Lexed(code, words, multiple, executable, false);
        }

        /**
         * Reads one token at {@code i}.
         *
         * @return the offset after the token
         */
        private int step(int i) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (Character.isWhitespace(c)) {
                return i + 1;
            }
            if (c == '-' && next == '-' && (!reading.dashDashNeedsSpace() || i + 2 >= n
                    || Character.isWhitespace(sql.charAt(i + 2)) || Character.isISOControl(sql.charAt(i + 2)))) {
                return lineEnd(i);
            }
            if (c == '#' && reading.hashComments()) {
                return lineEnd(i);
            }
            if (c == '/' && next == '/' && reading.slashSlashComments()) {
                return lineEnd(i);
            }
            if (c == '/' && next == '*') {
                return blockComment(i);
            }
            if (c == '\'') {
                return quoted(i, '\'', reading.backslashInSingle(), false);
            }
            if (c == '"') {
                return reading.doubleQuoteIsString() ? quoted(i, '"', reading.backslashInDouble(), false)
                        : quoted(i, '"', false, true);
            }
            if (c == '`' && reading.backticks()) {
                return quoted(i, '`', false, true);
            }
            if (c == '$' && reading.dollar() != Dollar.NONE) {
                int end = dollarQuoted(i);
                if (end > 0) {
                    return end;
                }
            }
            if (isWordStart(c)) {
                return word(i);
            }
            code.set(i);
            if (c == ';') {
                afterSemicolon = true;
            } else {
                noteCode();
            }
            return i + 1;
        }

        private void noteCode() {
            if (afterSemicolon) {
                multiple = true;
            }
        }

        private int lineEnd(int i) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }

        private int blockComment(int i) {
            boolean executableLooking = sql.startsWith("/*!", i) || sql.startsWith("/*M!", i);
            // Noticed in every dialect, so that the guard refuses them alike; only MySQL runs their content.
            executable |= executableLooking;
            if (executableLooking && reading.executableComments()) {
                int j = i + (sql.charAt(i + 2) == '!' ? 3 : 4);
                while (j < n && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                // The content is code, up to the first */ that is itself code.
                while (j < n) {
                    if (sql.charAt(j) == '*' && j + 1 < n && sql.charAt(j + 1) == '/') {
                        return j + 2;
                    }
                    j = step(j);
                }
                return n;
            }
            int depth = 1;
            int j = i + 2;
            while (j < n) {
                if (reading.nestedComments() && sql.startsWith("/*", j)) {
                    depth++;
                    j += 2;
                } else if (sql.startsWith("*/", j)) {
                    depth--;
                    j += 2;
                    if (depth == 0) {
                        return j;
                    }
                } else {
                    j++;
                }
            }
            return n;
        }

        /** A literal or quoted identifier; a doubled quote stands for itself. */
        private int quoted(int i, char quote, boolean backslash, boolean identifier) {
            StringBuilder text = identifier ? new StringBuilder() : null;
            int j = i + 1;
            while (j < n) {
                char c = sql.charAt(j);
                if (backslash && c == '\\') {
                    j += 2;
                    continue;
                }
                if (c == quote) {
                    if (j + 1 < n && sql.charAt(j + 1) == quote) {
                        if (text != null) {
                            text.append(quote);
                        }
                        j += 2;
                        continue;
                    }
                    break;
                }
                if (text != null) {
                    text.append(c);
                }
                j++;
            }
            noteCode();
            int end = Math.min(j + 1, n);
            if (identifier) {
                words.add(new Word(text.toString().toLowerCase(Locale.ROOT), i, end, true, false));
            }
            return end;
        }

        /** A dollar-quoted literal at {@code i}, or -1 when the {@code $} starts none. */
        private int dollarQuoted(int i) {
            int j = i + 1;
            if (reading.dollar() == Dollar.TAGGED) {
                if (j < n && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                        j++;
                    }
                }
            }
            if (j >= n || sql.charAt(j) != '$') {
                return -1;
            }
            String tag = sql.substring(i, j + 1);
            int end = sql.indexOf(tag, j + 1);
            noteCode();
            return end < 0 ? n : end + tag.length();
        }

        private int word(int i) {
            int j = i;
            while (j < n && isWordPart(sql.charAt(j))) {
                j++;
            }
            String text = sql.substring(i, j);
            if (j < n && sql.charAt(j) == '\'' && isStringPrefix(text)) {
                // E'...' escapes with backslashes in PostgreSQL; N'..', X'..', B'..', U&'..' are plain literals.
                boolean escape = reading.escapeStrings() && text.equalsIgnoreCase("e");
                return quoted(j, '\'', escape || reading.backslashInSingle(), false);
            }
            code.set(i, j);
            noteCode();
            words.add(new Word(text.toLowerCase(Locale.ROOT), i, j, false, false));
            return j;
        }

        private static boolean isStringPrefix(String text) {
            return text.length() == 1 && "eEnNxXbB".indexOf(text.charAt(0)) >= 0;
        }

        /** Marks the words whose next code character is an opening parenthesis. */
        private void markCalls() {
            for (int w = 0; w < words.size(); w++) {
                Word word = words.get(w);
                int next = code.nextSetBit(word.end());
                if (next >= 0 && sql.charAt(next) == '(') {
                    words.set(w, new Word(word.text(), word.start(), word.end(), word.quoted(), true));
                }
            }
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
