package io.marketgate.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.server.api.ModelJson;
import io.marketgate.server.config.BinanceConfig;
import io.marketgate.server.config.UpstreamsConfig;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.RequestSigner;
import io.marketgate.upstream.binance.BinanceRest;
import io.marketgate.upstream.binance.DepthSnapshot;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code probe binance …}: Binance spot REST market data through the weight budget. */
@Command(
    name = "binance",
    mixinStandardHelpOptions = true,
    description = "Binance spot REST market data.")
final class BinanceProbe {

  @Mixin ProbeCommand.Common common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code probe binance depth SYMBOL}. */
  @Command(name = "depth", description = "One symbol's depth snapshot, best levels first.")
  int depth(
      @Parameters(paramLabel = "SYMBOL", description = "e.g. BTCUSDT") String symbol,
      @Option(
              names = "--limit",
              defaultValue = "100",
              description = "Levels per side, 1 to 5000 (weight 5 up to 100, 250 above 1000).")
          int limit) {
    Optional<BinanceConfig> configured = common.upstreams(spec).flatMap(UpstreamsConfig::binance);
    BinanceRest rest =
        BinanceRest.create(
            common.client(
                "binance",
                configured
                    .map(BinanceConfig::restUrl)
                    .orElse(URI.create("https://api.binance.com")),
                configured.map(BinanceConfig::budget).orElse(BudgetConfig.binance()),
                RequestSigner.none(),
                spec.commandLine().getErr()));
    DepthSnapshot snapshot;
    try {
      snapshot = rest.depth(symbol, limit);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ObjectNode n = ModelJson.orderBook("binance", snapshot.symbol(), snapshot.book());
    n.put("last_update_id", snapshot.lastUpdateId());
    return ProbeCommand.Common.print(spec, n);
  }
}
