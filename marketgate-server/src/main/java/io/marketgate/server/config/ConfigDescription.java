package io.marketgate.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.Collection;

/** Renders a {@link GatewayConfig} as YAML in the file's own keys, secrets replaced by origins. */
final class ConfigDescription {

  private ConfigDescription() {}

  static String yaml(GatewayConfig c) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode server = root.putObject("server");
    server.put("host", c.server().host());
    server.put("port", c.server().port());
    server.put("maxRequestBytes", c.server().maxRequestBytes());
    server.put("maxHeaderBytes", c.server().maxHeaderBytes());
    server.put("idleTimeout", d(c.server().idleTimeout()));
    server.put("requestTimeout", d(c.server().requestTimeout()));

    ObjectNode auth = root.putObject("auth");
    auth.put("mode", c.auth().mode().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode keys = auth.putArray("keys");
    for (AuthConfig.ApiKey k : c.auth().keys()) {
      ObjectNode key = keys.addObject();
      key.put("name", k.name());
      key.put("key", masked(k.key()));
      strings(key.putArray("scopes"), k.scopes().stream().map(AuthConfig.Scope::label).toList());
    }
    root.put("dataDir", c.dataDir().toString());

    ObjectNode ups = root.putObject("upstreams");
    ObjectNode kalshi = ups.putObject("kalshi");
    kalshi.put("enabled", c.upstreams().kalshi().isPresent());
    c.upstreams()
        .kalshi()
        .ifPresent(
            k -> {
              if (k.environment().isPresent()) {
                kalshi.put("environment", k.environment().get().name());
              } else {
                kalshi.put("baseUrl", k.restUrl().toString());
                kalshi.put("wsUrl", k.wsUrl().toString());
              }
              kalshi.put("tier", k.tier().name());
              k.credentials()
                  .ifPresent(
                      cr -> {
                        kalshi.put("keyId", cr.keyId());
                        kalshi.put("privateKey", masked(cr.privateKeyPem()));
                      });
              strings(kalshi.putArray("series"), k.series());
              kalshi.put("marketsInterval", d(k.marketsInterval()));
              ObjectNode books = kalshi.putObject("books");
              ObjectNode alwaysOn = books.putObject("alwaysOn");
              strings(alwaysOn.putArray("series"), k.books().alwaysOnSeries());
              strings(alwaysOn.putArray("tickers"), k.books().alwaysOnTickers());
              books.put("demandWindow", d(k.books().demandWindow()));
              books.put("websocket", k.books().websocket());
              books.put("restFallbackInterval", d(k.books().restFallbackInterval()));
            });
    ObjectNode odds = ups.putObject("oddsApi");
    odds.put("enabled", c.upstreams().oddsApi().isPresent());
    c.upstreams()
        .oddsApi()
        .ifPresent(
            o -> {
              odds.put("baseUrl", o.baseUrl().toString());
              odds.put("apiKey", masked(o.apiKey()));
              strings(odds.putArray("sports"), o.sports());
              strings(odds.putArray("regions"), o.regions());
              strings(odds.putArray("markets"), o.markets().stream().map(Enum::name).toList());
              strings(odds.putArray("bookmakers"), o.bookmakers());
              odds.put("interval", d(o.interval()));
              o.monthlyCredits().ifPresent(m -> odds.put("monthlyCredits", m));
            });
    ObjectNode unabated = ups.putObject("unabated");
    unabated.put("enabled", c.upstreams().unabated().isPresent());
    c.upstreams()
        .unabated()
        .ifPresent(
            u -> {
              unabated.put("baseUrl", u.baseUrl().toString());
              unabated.put("apiKey", masked(u.apiKey()));
              unabated.put("interval", d(u.interval()));
              unabated.put("sideConvention", u.sideConvention().name());
            });
    ObjectNode polymarket = ups.putObject("polymarket");
    polymarket.put("enabled", c.upstreams().polymarket().isPresent());
    c.upstreams()
        .polymarket()
        .ifPresent(
            p -> {
              polymarket.put("baseUrl", p.baseUrl().toString());
              polymarket.put("wsUrl", p.wsUrl().toString());
              strings(polymarket.putArray("assets"), p.assets());
              polymarket.put("staleAfter", d(p.staleAfter()));
              polymarket.put("silenceWindow", d(p.silenceWindow()));
              polymarket.put("resyncInterval", d(p.resyncInterval()));
            });
    ObjectNode binance = ups.putObject("binance");
    binance.put("enabled", c.upstreams().binance().isPresent());
    c.upstreams()
        .binance()
        .ifPresent(
            b -> {
              binance.put("baseUrl", b.restUrl().toString());
              binance.put("streamUrl", b.streamUrl().toString());
              b.symbols().forEach(binance.putArray("symbols")::add);
              binance.put("depthLimit", b.depthLimit());
              binance.put("weightPerMinute", b.weightPerMinute());
              binance.put("staleAfter", d(b.staleAfter()));
            });
    ObjectNode cache = root.putObject("cache");
    cache.put("historySize", c.cache().historySize());
    cache.put("midPoints", c.cache().midPoints());
    cache.put("evictEventsAfterStart", d(c.cache().evictEventsAfterStart()));
    cache.put("eventHistorySize", c.cache().eventHistorySize());
    root.putObject("views")
        .putObject("events")
        .put("devig", c.views().eventsDevig().name().toLowerCase(java.util.Locale.ROOT));

    ObjectNode storage = root.putObject("storage");
    StorageConfig st = c.storage();
    storage.put("enabled", st.enabled());
    storage.put("url", st.url());
    st.user().ifPresent(u -> storage.put("user", u));
    st.password().ifPresent(pw -> storage.put("password", masked(pw)));
    storage.put("poolSize", st.poolSize());
    storage.put("queueCapacity", st.queueCapacity());
    storage.put("batchSize", st.batchSize());
    storage.put("retention", d(st.retention()));
    storage.put("warmUpWindow", d(st.warmUpWindow()));
    storage.put("bookTopInterval", d(st.bookTopInterval()));

    ObjectNode slate = ((ObjectNode) root.get("views")).putObject("slate");
    slate.put("enabled", c.slate().enabled());
    c.slate().fairSources().forEach(slate.putArray("fairSources")::add);
    slate.put("deVig", c.slate().deVig().name());
    slate.put("marginSigma", c.slate().marginSigma());
    slate.put("totalSigma", c.slate().totalSigma());
    slate.put("strikesEachSide", c.slate().strikesEachSide());
    slate.put("manifestTtl", d(c.slate().manifestTtl()));
    slate.put("gamesTtl", d(c.slate().gamesTtl()));
    slate.put("maxConcurrency", c.slate().maxConcurrency());
    slate.put("debounce", d(c.slate().debounce()));
    try {
      return YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build()
          .writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the configuration", e);
    }
  }

  private static String masked(Secret s) {
    return "<secret from " + s.origin() + ">";
  }

  private static String d(Duration d) {
    return ConfigText.duration(d);
  }

  private static void strings(ArrayNode a, Collection<String> values) {
    values.forEach(a::add);
  }
}
