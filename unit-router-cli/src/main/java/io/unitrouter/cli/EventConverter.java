package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.InvalidEventException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --event} values; an unreadable event is a usage error naming the valid forms. */
final class EventConverter implements ITypeConverter<FailoverEvent> {

    @Override
    public FailoverEvent convert(String value) {
        try {
            return FailoverEvent.parse(value);
        } catch (InvalidEventException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
