package io.marketgate.upstream.kalshi;

/**
 * Payloads written from the documented Kalshi formats (shared/reference/upstream-apis.md §1.4,
 * §1.5, §1.7), not copied from live traffic. The books all hold YES 0.45x100, 0.47x30 and NO
 * 0.50x20, 0.52x10.
 */
final class KalshiFixtures {

  private KalshiFixtures() {}

  /** Current shape, ascending as the orderbook_responses page documents. */
  static final String ORDERBOOK_FP =
      """
      {"orderbook_fp": {
        "yes_dollars": [["0.4500","100.00"], ["0.4700","30.00"]],
        "no_dollars":  [["0.5000","20.00"],  ["0.5200","10.00"]]
      }}""";

  /** Current shape, best first as the batch endpoint's description says. */
  static final String ORDERBOOK_FP_DESCENDING =
      """
      {"orderbook_fp": {
        "yes_dollars": [["0.4700","30.00"], ["0.4500","100.00"]],
        "no_dollars":  [["0.5200","10.00"], ["0.5000","20.00"]]
      }}""";

  /** Current shape, no order at all, one price split over two entries. */
  static final String ORDERBOOK_FP_SHUFFLED =
      """
      {"orderbook_fp": {
        "yes_dollars": [["0.4500","60.00"], ["0.4700","30.00"], ["0.4500","40.00"]],
        "no_dollars":  [["0.5200","10.00"], ["0.5000","20.00"]]
      }}""";

  /** Current shape with JSON numbers instead of strings. */
  static final String ORDERBOOK_FP_NUMBERS =
      """
      {"orderbook_fp": {
        "yes_dollars": [[0.45, 100], [0.47, 30.00]],
        "no_dollars":  [[0.50, 20],  [0.52, 10]]
      }}""";

  /** Legacy shape with cents and dollar arrays (sizes as integers). */
  static final String ORDERBOOK_LEGACY =
      """
      {"orderbook": {
        "yes": [[45,100],[47,30]], "no": [[50,20],[52,10]],
        "yes_dollars": [["0.4500",100],["0.4700",30]], "no_dollars": [["0.5000",20],["0.5200",10]]
      }}""";

  /** Legacy shape with cents only, descending. */
  static final String ORDERBOOK_LEGACY_CENTS_ONLY =
      """
      {"orderbook": {"yes": [[47,30],[45,100]], "no": [[52,10],[50,20]]}}""";

  /** Legacy shape with cents as strings. */
  static final String ORDERBOOK_LEGACY_CENTS_AS_STRINGS =
      """
      {"orderbook": {"yes": [["45","100"],["47","30"]], "no": [["50","20"],["52","10"]]}}""";

  /** The bare envelope seen in a third-party gotcha list. */
  static final String ORDERBOOK_BARE =
      """
      {"yes_dollars": [["0.4500","100.00"], ["0.4700","30.00"]],
       "no_dollars":  [["0.5000","20.00"],  ["0.5200","10.00"]]}""";

  /** The bare envelope with cents. */
  static final String ORDERBOOK_BARE_CENTS =
      """
      {"yes": [[45,100],[47,30]], "no": [[50,20],[52,10]]}""";

  /** A transition payload: orderbook_fp present but null, legacy orderbook filled. */
  static final String ORDERBOOK_FP_NULL_LEGACY_PRESENT =
      """
      {"orderbook_fp": null, "orderbook": {"yes": [[45,100],[47,30]], "no": [[50,20],[52,10]]}}""";

  /** Batch answer in another order than asked, with an unrequested and a missing ticker. */
  static final String ORDERBOOKS_REORDERED =
      """
      {"orderbooks":[
        {"ticker":"B-2","orderbook_fp":{"yes_dollars":[["0.2200","2.00"]],"no_dollars":[["0.7000","7.00"]]}},
        {"ticker":"Z-9","orderbook_fp":{"yes_dollars":[["0.9900","9.00"]]}},
        {"ticker":"A-1","orderbook":{"yes":[[11,1]],"no":null}}
      ]}""";

  /** The compact market example of §1.5 with a yes_sub_title added. */
  static final String MARKET_CURRENT =
      """
      {"market":{"ticker":"KXNBATOTAL-26JAN09TORBOS-220","event_ticker":"KXNBATOTAL-26JAN09TORBOS",
       "market_type":"binary","status":"active","close_time":"2026-01-10T03:00:00Z",
       "yes_bid_dollars":"0.5100","yes_ask_dollars":"0.5300","no_bid_dollars":"0.4700","no_ask_dollars":"0.4900",
       "last_price_dollars":"0.5200","volume_fp":"1520.00","open_interest_fp":"830.00",
       "strike_type":"greater","floor_strike":219.5,"price_level_structure":"linear_cent",
       "yes_sub_title":"Over 219.5 points scored","response_price_units":"usd_cent"}}""";

  /** A market as sent before the Jan 2026 removal of cent fields. */
  static final String MARKET_LEGACY =
      """
      {"market":{"ticker":"KXNBAGAME-26JAN08MIACHI-MIA","event_ticker":"KXNBAGAME-26JAN08MIACHI",
       "status":"active","close_time":"2026-01-09T03:00:00.123Z","yes_bid":45,"yes_ask":47,
       "no_bid":53,"no_ask":55,"last_price":46,"volume":1520,"open_interest":830,
       "liquidity":-170750,"floor_strike":null,"cap_strike":"","yes_sub_title":"Miami"}}""";

  /** One page of /markets with one market and the given cursor member. */
  static String marketsPage(String ticker, String cursorMember) {
    return "{\"markets\":[{\"ticker\":\""
        + ticker
        + "\",\"event_ticker\":\"E\",\"status\":\"active\",\"yes_bid_dollars\":\"0.10\"}],"
        + cursorMember
        + "}";
  }

  static final String EVENTS_PAGE_1 =
      """
      {"events":[{"event_ticker":"KXNBAGAME-26JAN09TORBOS","series_ticker":"KXNBAGAME",
        "title":"Toronto at Boston","sub_title":"TOR @ BOS (Jan 9)","mutually_exclusive":true,
        "strike_date":null,
        "markets":[
          {"ticker":"KXNBAGAME-26JAN09TORBOS-TOR","event_ticker":"KXNBAGAME-26JAN09TORBOS",
           "status":"active","yes_sub_title":"Toronto","yes_bid_dollars":"0.3100"},
          {"ticker":"KXNBAGAME-26JAN09TORBOS-BOS","status":"active","yes_sub_title":"Boston",
           "yes_bid_dollars":"0.6800"}]}],
       "cursor":"page2"}""";

  static final String EVENTS_PAGE_2 =
      """
      {"events":[{"event_ticker":"KXNBAGAME-26JAN09MILLAL","series_ticker":"KXNBAGAME",
        "title":"Milwaukee at Los Angeles L","mutually_exclusive":false}],
       "cursor":""}""";
}
