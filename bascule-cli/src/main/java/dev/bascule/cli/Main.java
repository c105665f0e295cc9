package dev.bascule.cli;

/** Entry point of the {@code bascule} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(BasculeCommand.run(args));
    }
}
