package io.unitrouter.core.rules;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON rule documents through Jackson's streaming parser. Numbers come out as the YAML loader would give
 * them (whole numbers as {@code Integer} when they fit, else {@code Long} or {@code BigInteger}), so a
 * document reads the same in either syntax.
 */
final class JsonEvents implements RuleEvents {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonParser parser;
    private Object scalar;
    private boolean rootDone;

    private JsonEvents(String text) {
        this.parser = FACTORY.createParser(ObjectReadContext.empty(), text);
    }

    /** Whether the text looks like JSON: its first character other than white space opens an object or array. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    static JsonEvents of(String text) {
        return new JsonEvents(text);
    }

    @Override
    public Kind next() {
        JsonToken token;
        try {
            token = parser.nextToken();
            if (token == null) {
                return Kind.END;
            }
            if (rootDone) {
                throw new SyntaxException("unexpected content after the document at " + position(), null);
            }
            Kind kind = kindOf(token);
            if (parser.streamReadContext().inRoot() && (kind == Kind.MAPPING_END || kind == Kind.LIST_END
                    || kind == Kind.SCALAR)) {
                rootDone = true;
            }
            return kind;
        } catch (JacksonException e) {
            throw new SyntaxException(e.getOriginalMessage() + " at " + position(), e);
        }
    }

    private Kind kindOf(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return Kind.MAPPING_START;
            case END_OBJECT:
                return Kind.MAPPING_END;
            case START_ARRAY:
                return Kind.LIST_START;
            case END_ARRAY:
                return Kind.LIST_END;
            case PROPERTY_NAME:
                scalar = parser.currentName();
                return Kind.SCALAR;
            case VALUE_STRING:
                scalar = parser.getString();
                return Kind.SCALAR;
            case VALUE_NUMBER_INT:
                scalar = parser.getNumberValue();
                return Kind.SCALAR;
            case VALUE_NUMBER_FLOAT:
                scalar = parser.getDoubleValue();
                return Kind.SCALAR;
            case VALUE_TRUE:
                scalar = Boolean.TRUE;
                return Kind.SCALAR;
            case VALUE_FALSE:
                scalar = Boolean.FALSE;
                return Kind.SCALAR;
            case VALUE_NULL:
                scalar = null;
                return Kind.SCALAR;
            default:
                throw new SyntaxException("unexpected " + token + " at " + position(), null);
        }
    }

    @Override
    public Object scalar() {
        return scalar;
    }

    @Override
    public String position() {
        TokenStreamLocation location = parser.currentTokenLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
