package io.unitrouter.core.failover;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.rules.RuleDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's assertions, checked on every document before it is published, like routing-control
 * safety rules that refuse a change that would fail open:
 *
 * <ol>
 *   <li>every shard has an owner, and it is an online RZone;</li>
 *   <li>a shard changes owner only if it is frozen in the document in force;</li>
 *   <li>a frozen shard becomes writable only for the cell its database fence names (when there are fences):
 *       nothing is unfrozen before its fence is bumped.</li>
 * </ol>
 */
final class PublishGuard {

    private PublishGuard() {
    }

    /**
     * @throws UnsafeStepException naming the epoch, the shards and the rule, if {@code next} breaks one
     */
    static void check(FailoverRun run, RuleDocument current, RuleDocument next, FenceLedger fences) {
        Map<String, List<Integer>> problems = new LinkedHashMap<>();
        for (int s = 0; s < next.shards(); s++) {
            String owner = next.ownerOf(s);
            Cell cell = next.topology().cell(owner).orElse(null);
            if (cell == null || !cell.isRZone() || next.isOffline(owner)) {
                add(problems, "would have no online RZone owner (" + owner + ")", s);
                continue;
            }
            String before = current.ownerOf(s);
            if (!before.equals(owner) && !current.isFrozen(s)) {
                add(problems, "would move from " + before + " to " + owner + " without having been frozen at epoch "
                        + current.epoch(), s);
            }
            if (fences.fenced() && current.isFrozen(s) && !next.isFrozen(s)) {
                String fenceOwner = fences.ownerOf(s).orElse(null);
                if (!owner.equals(fenceOwner)) {
                    add(problems, "would become writable by " + owner + " while their fence "
                            + (fenceOwner == null ? "is in doubt (a fence step began and did not finish)"
                                    : "names " + fenceOwner), s);
                }
            }
        }
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            problems.forEach((rule, shards) -> lines.add(describe(shards) + " " + rule));
            throw new UnsafeStepException("refusing to publish epoch " + next.epoch() + " of run " + run.id() + ": "
                    + String.join("; ", lines), run, Map.of("run", run.id(), "epoch", next.epoch()));
        }
    }

    private static void add(Map<String, List<Integer>> problems, String rule, int shard) {
        problems.computeIfAbsent(rule, r -> new ArrayList<>()).add(shard);
    }

    private static String describe(List<Integer> shards) {
        List<ShardRange> ranges = ShardRange.compress(shards.stream().mapToInt(Integer::intValue).toArray());
        String text = String.join(",", ranges.stream().map(ShardRange::toString).toList());
        return (shards.size() == 1 ? "shard " : "shards ") + text;
    }
}
