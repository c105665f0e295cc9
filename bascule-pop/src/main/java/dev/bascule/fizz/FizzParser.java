package dev.bascule.fizz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the tokens of a fizz script into calls. Grammar (the part of Plush fizz files use):
 * <pre>
 * script := call*
 * call   := IDENT ('.' IDENT)? '(' (value (',' value)* ','?)? ')' block?
 * block  := '{' call* '}'
 * value  := STRING | NUMBER | true | false | nil | '[' values ']' | '{' (key ':' value ,...)? '}'
 * key    := STRING | IDENT
 * </pre>
 */
final class FizzParser {

    private final String sourceName;
    private final List<FizzToken> tokens;
    private int index;

    private FizzParser(String sourceName, List<FizzToken> tokens) {
        this.sourceName = sourceName;
        this.tokens = tokens;
    }

    static List<FizzCall> parse(String sourceName, String text) {
        return new FizzParser(sourceName, FizzLexer.tokenize(sourceName, text)).script();
    }

    private List<FizzCall> script() {
        List<FizzCall> calls = new ArrayList<>();
        while (peek().type() != FizzToken.Type.EOF) {
            calls.add(call());
        }
        return calls;
    }

    private FizzCall call() {
        FizzToken first = expect(FizzToken.Type.IDENT, "a fizz operation such as create_table(...)");
        String receiver = "";
        String name = first.text();
        if (peek().type() == FizzToken.Type.DOT) {
            index++;
            receiver = name;
            name = expect(FizzToken.Type.IDENT, "a method name after '" + receiver + ".'").text();
        }
        expect(FizzToken.Type.LPAREN, "'(' after " + (receiver.isEmpty() ? name : receiver + "." + name));
        List<FizzValue> args = new ArrayList<>();
        while (peek().type() != FizzToken.Type.RPAREN) {
            args.add(value());
            if (peek().type() == FizzToken.Type.COMMA) {
                index++;
            } else if (peek().type() != FizzToken.Type.RPAREN) {
                throw unexpected(peek(), "',' or ')' in the arguments of " + name);
            }
        }
        index++;
        List<FizzCall> block = null;
        if (peek().type() == FizzToken.Type.LBRACE) {
            FizzToken open = tokens.get(index++);
            block = new ArrayList<>();
            while (peek().type() != FizzToken.Type.RBRACE) {
                if (peek().type() == FizzToken.Type.EOF) {
                    throw new FizzSyntaxError(sourceName, open.line(), open.column(),
                            "the block of " + name + " opened here is never closed: add the closing }");
                }
                block.add(call());
            }
            index++;
        }
        return new FizzCall(receiver, name, List.copyOf(args), block == null ? null : List.copyOf(block),
                first.line(), first.column());
    }

    private FizzValue value() {
        FizzToken token = tokens.get(index++);
        return switch (token.type()) {
            case STRING -> new FizzValue.Text(token.text(), token.line(), token.column());
            case NUMBER -> new FizzValue.Number(token.text(), token.line(), token.column());
            case IDENT -> switch (token.text()) {
                case "true" -> new FizzValue.Bool(true, token.line(), token.column());
                case "false" -> new FizzValue.Bool(false, token.line(), token.column());
                case "nil" -> new FizzValue.Nil(token.line(), token.column());
                default -> throw new FizzSyntaxError(sourceName, token.line(), token.column(),
                        "'" + token.text() + "' is not a value: write strings in double quotes, e.g. \""
                                + token.text() + "\"");
            };
            case LBRACKET -> list(token);
            case LBRACE -> map(token);
            default -> throw unexpected(token, "a value (string, number, true/false, [list] or {map})");
        };
    }

    private FizzValue list(FizzToken open) {
        List<FizzValue> items = new ArrayList<>();
        while (peek().type() != FizzToken.Type.RBRACKET) {
            items.add(value());
            if (peek().type() == FizzToken.Type.COMMA) {
                index++;
            } else if (peek().type() != FizzToken.Type.RBRACKET) {
                throw unexpected(peek(), "',' or ']' in the list opened at line " + open.line());
            }
        }
        index++;
        return new FizzValue.ListOf(List.copyOf(items), open.line(), open.column());
    }

    private FizzValue map(FizzToken open) {
        Map<String, FizzValue> entries = new LinkedHashMap<>();
        while (peek().type() != FizzToken.Type.RBRACE) {
            FizzToken key = tokens.get(index++);
            if (key.type() != FizzToken.Type.STRING && key.type() != FizzToken.Type.IDENT) {
                throw unexpected(key, "an option name such as \"null\" in the map opened at line " + open.line());
            }
            expect(FizzToken.Type.COLON, "':' after the option name \"" + key.text() + "\"");
            entries.put(key.text(), value());
            if (peek().type() == FizzToken.Type.COMMA) {
                index++;
            } else if (peek().type() != FizzToken.Type.RBRACE) {
                throw unexpected(peek(), "',' or '}' in the map opened at line " + open.line());
            }
        }
        index++;
        return new FizzValue.MapOf(entries, open.line(), open.column());
    }

    private FizzToken peek() {
        return tokens.get(index);
    }

    private FizzToken expect(FizzToken.Type type, String what) {
        FizzToken token = tokens.get(index);
        if (token.type() != type) {
            throw unexpected(token, what);
        }
        index++;
        return token;
    }

    private FizzSyntaxError unexpected(FizzToken token, String expected) {
        return new FizzSyntaxError(sourceName, token.line(), token.column(),
                "expected " + expected + " but found " + token.describe());
    }
}
