package io.unitrouter.sharding.support;

import java.util.List;

/**
 * Routines on both physical databases of a fixture: {@code ur_zero_foreign()} (a procedure) and
 * {@code ur_zero_foreign_f()} (a function) zero the balances of {@code t_account_3}, a table of another
 * cell's shard group, when called; {@code ur_harmless()} only returns 1.
 */
public final class ForeignWritingRoutines {

    private ForeignWritingRoutines() {
    }

    /**
     * Creates the routines.
     *
     * @param fixture the databases
     */
    public static void create(ShardingFixture fixture) {
        List<String> ddl = switch (fixture.database()) {
            case MARIADB -> List.of(
                    "CREATE PROCEDURE ur_zero_foreign() UPDATE t_account_3 SET balance = 0",
                    "CREATE FUNCTION ur_zero_foreign_f() RETURNS INT MODIFIES SQL DATA BEGIN"
                            + " UPDATE t_account_3 SET balance = 0; RETURN 1; END",
                    "CREATE FUNCTION ur_harmless() RETURNS INT DETERMINISTIC RETURN 1");
            case POSTGRESQL -> List.of(
                    "CREATE PROCEDURE ur_zero_foreign() LANGUAGE sql AS $$ UPDATE t_account_3 SET balance = 0 $$",
                    "CREATE FUNCTION ur_zero_foreign_f() RETURNS int LANGUAGE sql AS"
                            + " $$ UPDATE t_account_3 SET balance = 0; SELECT 1 $$",
                    "CREATE FUNCTION ur_harmless() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$");
            case H2 -> List.of(
                    "CREATE ALIAS ur_zero_foreign FOR 'io.unitrouter.sharding.support.H2Routines.zeroForeignBalances'",
                    "CREATE ALIAS ur_zero_foreign_f FOR 'io.unitrouter.sharding.support.H2Routines.zeroForeignBalances'",
                    "CREATE ALIAS ur_harmless FOR 'io.unitrouter.sharding.support.H2Routines.harmless'");
        };
        for (int d = 0; d < ShardingFixture.LAYOUT.databases(); d++) {
            for (String sql : ddl) {
                fixture.sql(d, sql);
            }
        }
    }
}
