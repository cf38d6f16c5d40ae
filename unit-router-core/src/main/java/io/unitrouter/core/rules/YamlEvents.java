package io.unitrouter.core.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML rule documents through SnakeYAML's event parser. Scalars are typed exactly as SnakeYAML's safe loader
 * types them (its resolver and constructors do the work), so {@code 0123} is still the octal 83 and
 * {@code yes} still a boolean. Anchors and aliases work: an anchored node's events are kept and replayed at
 * each alias, at most {@value #MAX_COLLECTION_ALIASES} times for lists and mappings.
 */
final class YamlEvents implements RuleEvents {

    /** The loader's old limit on aliases to collections, which stops a "billion laughs" document. */
    static final int MAX_COLLECTION_ALIASES = 20;

    /**
     * Every implicit type of the default resolver (booleans, numbers, null, merge keys, dates, tags) starts
     * with one of these characters; its one other rule matches only the empty scalar. A plain scalar that starts
     * with anything else is text, known without the resolver's regular expressions, which cost more than the
     * rest of reading the scalar (cell ids and field names are all such scalars).
     */
    private static final String IMPLICIT_TYPE_STARTS = "yYnNtTfFoO-+0123456789.<~!&*";

    /** What {@link #typedWithoutResolver} answers for a scalar it cannot type. */
    static final Object NEEDS_RESOLVER = new Object();
    /** The first letters of the resolver's booleans and nulls (its {@code yYnNtTfFoO} and {@code nN}). */
    private static final String BOOL_OR_NULL_STARTS = "yYnNtTfFoO";
    /** The resolver's boolean words (YAML 1.1), with the values the safe constructor gives them. */
    private static final Map<String, Boolean> BOOLEANS = Map.ofEntries(
            Map.entry("yes", true), Map.entry("Yes", true), Map.entry("YES", true),
            Map.entry("no", false), Map.entry("No", false), Map.entry("NO", false),
            Map.entry("true", true), Map.entry("True", true), Map.entry("TRUE", true),
            Map.entry("false", false), Map.entry("False", false), Map.entry("FALSE", false),
            Map.entry("on", true), Map.entry("On", true), Map.entry("ON", true),
            Map.entry("off", false), Map.entry("Off", false), Map.entry("OFF", false));
    /** The resolver's null words other than {@code ~}. */
    private static final Set<String> NULLS = Set.of("null", "Null", "NULL");

    private final Parser parser;
    /** Made for the first typed scalar that is not a small whole number; most documents have none. */
    private Scalars scalars;
    private final Map<String, List<Event>> anchors = new HashMap<>();
    private final List<Recording> recordings = new ArrayList<>();
    private final Deque<Iterator<Event>> replays = new ArrayDeque<>();
    private int collectionAliases;
    private int documents;
    private Event current;
    private Object scalar;

    private YamlEvents(StreamReader reader, int codePointLimit) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(codePointLimit);
        this.parser = new ParserImpl(reader, options);
    }

    /**
     * Events without positions: every token and event shares one mark. Marks are the largest part of what
     * SnakeYAML allocates per entry (about 40%), and only messages use them; read a document that fails again
     * {@link #withPositions} to say where.
     */
    static YamlEvents withoutPositions(String text, int codePointLimit) {
        return new YamlEvents(new OneMarkReader(text), codePointLimit);
    }

    /** Events that know their line and column, for messages. */
    static YamlEvents withPositions(String text, int codePointLimit) {
        return new YamlEvents(new StreamReader(text), codePointLimit);
    }

    @Override
    public Kind next() {
        try {
            while (true) {
                Event event = nextEvent();
                current = event;
                switch (event.getEventId()) {
                    case StreamStart:
                    case DocumentEnd:
                        continue;
                    case DocumentStart:
                        if (++documents > 1) {
                            throw new SyntaxException("expected a single document in the stream, but found another"
                                    + " document at " + position(), null);
                        }
                        continue;
                    case StreamEnd:
                        return Kind.END;
                    case MappingStart:
                        return Kind.MAPPING_START;
                    case MappingEnd:
                        return Kind.MAPPING_END;
                    case SequenceStart:
                        return Kind.LIST_START;
                    case SequenceEnd:
                        return Kind.LIST_END;
                    case Scalar:
                        scalar = value((ScalarEvent) event);
                        return Kind.SCALAR;
                    case Alias:
                        startReplay((AliasEvent) event);
                        continue;
                    default:
                        continue;
                }
            }
        } catch (YAMLException e) {
            throw new SyntaxException(e.getMessage(), e);
        }
    }

    /** The next event from a replayed alias, else from the parser; recorded for every anchor being read. */
    private Event nextEvent() {
        Event event;
        boolean replayed = false;
        while (!replays.isEmpty() && !replays.peek().hasNext()) {
            replays.pop();
        }
        if (!replays.isEmpty()) {
            event = replays.peek().next();
            replayed = true;
        } else {
            event = parser.getEvent();
        }
        if (!(event instanceof AliasEvent)) {
            // An alias is recorded as the events it expands to, which come next.
            record(event);
        }
        if (!replayed && event instanceof NodeEvent node && !(event instanceof AliasEvent) && node.getAnchor() != null) {
            Recording recording = new Recording(node.getAnchor());
            recording.add(event);
            if (recording.done()) {
                anchors.put(recording.anchor, recording.events);
            } else {
                recordings.add(recording);
            }
        }
        return event;
    }

    private void record(Event event) {
        for (int i = recordings.size() - 1; i >= 0; i--) {
            Recording recording = recordings.get(i);
            recording.add(event);
            if (recording.done()) {
                anchors.put(recording.anchor, recording.events);
                recordings.remove(i);
            }
        }
    }

    private void startReplay(AliasEvent alias) {
        List<Event> events = anchors.get(alias.getAnchor());
        if (events == null) {
            throw new SyntaxException("found undefined alias " + alias.getAnchor() + " at " + position(), null);
        }
        if (!events.get(0).is(Event.ID.Scalar) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
            throw new SyntaxException("Number of aliases for non-scalar nodes exceeds the specified max="
                    + MAX_COLLECTION_ALIASES, null);
        }
        replays.push(events.iterator());
    }

    private Object value(ScalarEvent event) {
        String text = event.getValue();
        Tag tag;
        String explicit = event.getTag();
        if (explicit == null || explicit.equals("!")) {
            if (!event.isPlain() || !text.isEmpty() && IMPLICIT_TYPE_STARTS.indexOf(text.charAt(0)) < 0) {
                return text;
            }
            Object typed = typedWithoutResolver(text);
            if (typed != NEEDS_RESOLVER) {
                return typed;
            }
            tag = Typing.RESOLVER.resolve(NodeId.scalar, text, true);
        } else {
            tag = new Tag(explicit);
        }
        if (tag.equals(Tag.STR) || tag.equals(Tag.MERGE)) {
            // A merge key ("<<") is not part of the rule format: it stays text and is refused as an unknown field.
            return text;
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (scalars == null) {
            scalars = new Scalars();
        }
        return scalars.construct(new ScalarNode(tag, text, event.getStartMark(), event.getEndMark(),
                event.getScalarStyle()));
    }

    /**
     * A plain scalar typed as SnakeYAML's resolver and safe constructors type it, for the two kinds a rule
     * document is made of, or {@link #NEEDS_RESOLVER}:
     * <ul>
     *   <li>one to nine decimal digits without a leading zero, or {@code 0} (epochs, shard counts,
     *       capacities): the {@link Integer};</li>
     *   <li>a word starting with a letter that a boolean or null may start with ({@code frozen},
     *       {@code overrides}, {@code type}, {@code off}): the {@link Boolean} for the YAML 1.1 boolean words,
     *       {@code null} for {@code null}, {@code Null} and {@code NULL}, else the text. No other implicit type
     *       of the resolver starts with one of these letters.</li>
     * </ul>
     * A document of only such scalars and text leaves the resolver (a dozen regular expressions to compile)
     * and the constructors (some twenty classes) unloaded, which spares a service's start-up that work.
     */
    static Object typedWithoutResolver(String text) {
        if (text.isEmpty()) {
            return NEEDS_RESOLVER;
        }
        if (BOOL_OR_NULL_STARTS.indexOf(text.charAt(0)) >= 0) {
            Boolean bool = BOOLEANS.get(text);
            if (bool != null) {
                return bool;
            }
            return NULLS.contains(text) ? null : text;
        }
        Integer small = smallWholeNumber(text);
        return small != null ? small : NEEDS_RESOLVER;
    }

    /** One to nine decimal digits without a leading zero, or {@code 0}, as an {@link Integer}; else {@code null}. */
    static Integer smallWholeNumber(String text) {
        int length = text.length();
        if (length == 0 || length > 9 || text.charAt(0) == '0' && length > 1) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Override
    public Object scalar() {
        return scalar;
    }

    @Override
    public String position() {
        Mark mark = current == null ? null : current.getStartMark();
        return mark == null ? "the start" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** SnakeYAML's resolver of implicit types, compiled (a dozen regular expressions) on first use. */
    private static final class Typing {

        static final Resolver RESOLVER = new Resolver();
    }

    /** SnakeYAML's safe constructors for typed scalars (numbers, booleans, dates), one scalar at a time. */
    private static final class Scalars extends SafeConstructor {

        Scalars() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            Construct construct = yamlConstructors.get(node.getTag());
            if (construct == null) {
                throw new SyntaxException("could not determine a constructor for the tag " + node.getTag() + " at "
                        + "line " + (node.getStartMark().getLine() + 1) + ", column "
                        + (node.getStartMark().getColumn() + 1), null);
            }
            return construct.construct(node);
        }
    }

    /** A reader that hands the scanner the same mark for every token. */
    private static final class OneMarkReader extends StreamReader {

        private final Mark mark;

        OneMarkReader(String text) {
            super(text);
            this.mark = super.getMark();
        }

        @Override
        public Mark getMark() {
            return mark;
        }
    }

    /** The events of an anchored node, kept until the node ends. */
    private static final class Recording {

        final String anchor;
        final List<Event> events = new ArrayList<>();
        private int depth;

        Recording(String anchor) {
            this.anchor = anchor;
        }

        void add(Event event) {
            events.add(event);
            if (event.is(Event.ID.MappingStart) || event.is(Event.ID.SequenceStart)) {
                depth++;
            } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                depth--;
            }
        }

        boolean done() {
            return depth == 0;
        }
    }
}
