package io.unitrouter.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The byte buffer the signed routing context is written into. */
class AsciiTextTest {

    @Property(tries = 1000)
    void aNumberIsWrittenAsLongToStringWritesIt(@ForAll @LongRange(min = 0) long number) {
        AsciiText text = new AsciiText(1);

        text.append(number);

        assertThat(text.toString(0)).isEqualTo(Long.toString(number));
    }

    @Test
    void numbersAtTheEdgesOfADigitCountAreWrittenWhole() {
        AsciiText text = new AsciiText(16);
        for (long number : new long[] {0, 9, 10, 99, 100, 999_999_999_999L, Long.MAX_VALUE}) {
            text.append(number).append(' ');
        }

        assertThat(text.toString(0)).isEqualTo("0 9 10 99 100 999999999999 " + Long.MAX_VALUE + " ");
    }

    @Test
    void textOutsideAsciiIsRefusedAndLeavesWhatWasWritten() {
        AsciiText text = new AsciiText(16);
        text.appendAscii("GET");

        boolean appended = text.appendAscii("/konto/ü");

        assertThat(appended).isFalse();
        assertThat(text.length()).isEqualTo(3);
        assertThat(text.append('\n').toString(0)).isEqualTo("GET\n");
    }

    @Test
    void aPartOfAStringIsAppendedWithoutTheRestAndRefusedOutsideAscii() {
        AsciiText text = new AsciiText(4);

        assertThat(text.appendAscii("v2 h=0 t=1 sig=abc", 3, 10)).isTrue();
        assertThat(text.appendAscii("abc\u00e9", 1, 4)).isFalse();
        assertThat(text.appendAscii("abc\u00e9", 1, 3)).isTrue();
        assertThat(text.toString(0)).isEqualTo("h=0 t=1bc");
        assertThatThrownBy(() -> text.appendAscii("abc", 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writingPastTheCapacityKeepsEverythingWrittenBefore() {
        AsciiText text = new AsciiText(16);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.appendAscii("k" + i);
            text.append(new byte[] {'-'});
            expected.append('k').append(i).append('-');
        }

        assertThat(text.toString(0)).isEqualTo(expected.toString());
        assertThat(text.toString(5)).isEqualTo(expected.substring(5));
    }

    @Test
    void aClearedTextStartsEmptyAndDropsAnArrayGrownPastWhatItKeeps() {
        AsciiText text = new AsciiText(16);
        text.appendAscii("x".repeat(2_000));

        text.clear(1024);

        assertThat(text.length()).isZero();
        assertThat(text.array()).hasSize(1024);
        text.appendAscii("GET");
        byte[] kept = text.array();
        text.clear(1024);
        assertThat(text.array()).isSameAs(kept);
        assertThat(text.appendAscii("POST")).isTrue();
        assertThat(text.toString(0)).isEqualTo("POST");
    }

    @Test
    void aRangeOfAsciiBytesIsAppendedAndARangeOutsideTheArrayIsRefused() {
        AsciiText text = new AsciiText(2);
        byte[] ascii = "abcdef".getBytes(StandardCharsets.US_ASCII);

        text.append(ascii, 1, 3).append(ascii, 0, 0);

        assertThat(text.toString(0)).isEqualTo("bcd");
        assertThatThrownBy(() -> text.append(ascii, 4, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(text.length()).isEqualTo(3);
    }
}
