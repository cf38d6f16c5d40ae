package io.unitrouter.sharding.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which routines (functions and procedures) a statement may call: the built-in functions of MariaDB/MySQL,
 * PostgreSQL and H2 that neither write data nor change the session, and the routines the team vouches for.
 * A routine the guard does not know can write any table, so everything else is refused.
 *
 * <p>Names are compared lower-case, without quotes; a qualified name ({@code bank.fee(..)}) must be
 * vouched for qualified.
 *
 * <p>Immutable and thread-safe.
 */
public final class Routines {

    /**
     * Built-in functions that only compute a value. Deliberately absent, among others: sequence functions
     * ({@code nextval}, {@code setval}), locks ({@code get_lock}, {@code pg_advisory_lock}), sleeps, file and
     * large-object access, {@code set_config}, {@code dblink} and anything else that acts on the session, the
     * server or other data. Vouch for them with the allow-list if the application needs them.
     */
    private static final Set<String> BUILT_IN = Set.of(
            // Aggregates and window functions.
            "count", "sum", "avg", "min", "max", "group_concat", "string_agg", "array_agg", "listagg", "bool_and",
            "bool_or", "every", "bit_and", "bit_or", "bit_xor", "stddev", "stddev_pop", "stddev_samp", "std",
            "variance", "var_pop", "var_samp", "json_agg", "jsonb_agg", "json_arrayagg", "json_objectagg",
            "json_object_agg", "any_value", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile",
            "lag", "lead", "first_value", "last_value", "nth_value",
            // Conditionals and conversions.
            "coalesce", "ifnull", "nullif", "nvl", "if", "isnull", "greatest", "least", "cast", "convert",
            "decode", "encode", "to_char", "to_number", "to_date", "to_timestamp",
            // Numbers.
            "abs", "ceil", "ceiling", "floor", "round", "truncate", "trunc", "mod", "power", "pow", "sqrt", "exp",
            "ln", "log", "log10", "log2", "sign", "pi", "degrees", "radians", "sin", "cos", "tan", "asin", "acos",
            "atan", "atan2", "cot", "rand", "random", "bin", "oct", "hex", "unhex", "conv", "crc32", "div",
            // Text.
            "concat", "concat_ws", "lower", "upper", "lcase", "ucase", "length", "char_length", "character_length",
            "octet_length", "bit_length", "substring", "substr", "mid", "left", "right", "trim", "ltrim", "rtrim",
            "btrim", "lpad", "rpad", "replace", "reverse", "repeat", "space", "position", "locate", "instr",
            "strpos", "split_part", "initcap", "ascii", "ord", "char", "chr", "field", "find_in_set", "elt",
            "format", "quote", "soundex", "regexp_like", "regexp_replace", "regexp_substr", "regexp_instr",
            "regexp_match", "regexp_matches", "md5", "sha1", "sha2", "sha", "to_base64", "from_base64",
            "translate", "insert",
            // Dates and times.
            "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "sysdate",
            "curdate", "curtime", "utc_timestamp", "utc_date", "utc_time", "unix_timestamp", "from_unixtime",
            "date", "time", "timestamp", "year", "month", "day", "dayofmonth", "dayofweek", "dayofyear",
            "dayname", "monthname", "hour", "minute", "second", "microsecond", "week", "weekday", "weekofyear",
            "yearweek", "quarter", "extract", "date_add", "date_sub", "adddate", "subdate", "addtime", "subtime",
            "datediff", "timediff", "timestampdiff", "timestampadd", "date_format", "time_format", "str_to_date",
            "makedate", "maketime", "make_date", "make_time", "make_timestamp", "last_day", "date_trunc",
            "date_part", "age", "to_days", "from_days", "period_add", "period_diff", "sec_to_time", "time_to_sec",
            "convert_tz", "clock_timestamp", "statement_timestamp", "transaction_timestamp",
            // JSON and arrays.
            "json_extract", "json_value", "json_query", "json_unquote", "json_object", "json_array",
            "json_contains", "json_length", "json_keys", "json_valid", "json_type", "json_build_object",
            "json_build_array", "jsonb_build_object", "jsonb_build_array", "jsonb_extract_path",
            "jsonb_extract_path_text", "json_extract_path", "json_extract_path_text", "to_json", "to_jsonb",
            "array_length", "cardinality", "array_to_string", "string_to_array", "unnest", "generate_series",
            // Values and identifiers.
            "uuid", "gen_random_uuid", "values", "row", "array");

    private final Set<String> vouched;

    private Routines(Set<String> vouched) {
        this.vouched = vouched;
    }

    /**
     * The built-in functions plus routines the team vouches for.
     *
     * @param vouchedFor routine names, possibly qualified ({@code bank.fee}); case and quotes do not matter
     * @return the allow-list
     */
    public static Routines allowing(Collection<String> vouchedFor) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : vouchedFor) {
            String normalized = normalize(name);
            if (!normalized.isEmpty()) {
                names.add(normalized);
            }
        }
        return new Routines(Set.copyOf(names));
    }

    /** The routines vouched for, normalized. */
    public Set<String> vouchedFor() {
        return vouched;
    }

    /**
     * Whether a function call is allowed.
     *
     * @param name the name as written, possibly qualified and quoted, e.g. {@code `bank`.fee}
     * @return whether it is built in (and unqualified) or vouched for
     */
    public boolean allowsFunction(String name) {
        String normalized = normalize(name);
        return vouched.contains(normalized) || normalized.indexOf('.') < 0 && BUILT_IN.contains(normalized);
    }

    /**
     * Whether a routine is vouched for; unlike {@link #allowsFunction}, a built-in name does not count (a
     * procedure is never built in).
     *
     * @param name the name as written
     * @return whether it is on the allow-list
     */
    public boolean vouchesFor(String name) {
        return vouched.contains(normalize(name));
    }

    /**
     * Whether a word that the lexer found in front of an opening parenthesis may be the last part of an
     * allowed call.
     *
     * @param word an unquoted word, lower-case
     * @return whether some allowed routine ends with that name
     */
    public boolean allowsCallWord(String word) {
        if (BUILT_IN.contains(word) || vouched.contains(word)) {
            return true;
        }
        for (String name : vouched) {
            if (name.endsWith("." + word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A routine name lower-case, without quotes, whitespace or a trailing argument list.
     *
     * @param name e.g. {@code `Bank`.Fee()}
     * @return e.g. {@code bank.fee}
     */
    public static String normalize(String name) {
        String text = name.trim();
        int paren = text.indexOf('(');
        if (paren >= 0) {
            text = text.substring(0, paren);
        }
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '`' && c != '"' && c != '[' && c != ']' && !Character.isWhitespace(c)) {
                result.append(c);
            }
        }
        return result.toString().toLowerCase(Locale.ROOT);
    }
}
