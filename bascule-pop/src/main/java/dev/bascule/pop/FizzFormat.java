package dev.bascule.pop;

import dev.bascule.catalog.ScriptFormat;
import dev.bascule.fizz.FizzTranslator;

/** Pop's {@code .fizz} migration DSL, translated to PostgreSQL exactly as Pop did (MilMove's old history). */
public final class FizzFormat implements ScriptFormat {

    @Override
    public String extension() {
        return "fizz";
    }

    @Override
    public String toSql(String sourceName, String text) {
        return FizzTranslator.translate(sourceName, text);
    }
}
