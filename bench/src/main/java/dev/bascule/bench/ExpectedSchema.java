package dev.bascule.bench;

/**
 * What a database holds after all generated migrations ran: the benchmark checks every contender against it, so a
 * run that silently applied nothing (or half) fails instead of producing a flattering time.
 *
 * @param migrations rows in {@code bench_marks}, one per migration, numbered 1..migrations
 * @param tables     tables named {@code bench_t_*}
 * @param indexes    indexes named {@code bench_ix_*}
 * @param functions  functions named {@code bench_fn_*}
 * @param dataRows   rows inserted into the {@code bench_t_*} tables, summed
 */
public record ExpectedSchema(int migrations, int tables, int indexes, int functions, long dataRows) {
}
