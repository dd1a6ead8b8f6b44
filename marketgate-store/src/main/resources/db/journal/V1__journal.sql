-- The odds journal. One schema for SQLite and PostgreSQL: portable types only, times as epoch
-- milliseconds (BIGINT), exact decimals as text, prices as double precision.

CREATE TABLE events (
  venue       VARCHAR(32)  NOT NULL,
  event_id    VARCHAR(200) NOT NULL,
  league      VARCHAR(64)  NOT NULL,
  home_id     VARCHAR(200),
  home_name   VARCHAR(200),
  home_abbr   VARCHAR(200),
  away_id     VARCHAR(200),
  away_name   VARCHAR(200),
  away_abbr   VARCHAR(200),
  start_ms    BIGINT       NOT NULL,
  written_ms  BIGINT       NOT NULL,
  PRIMARY KEY (venue, event_id)
);

CREATE INDEX events_by_start ON events (start_ms);

CREATE TABLE bookmakers (
  venue         VARCHAR(32)  NOT NULL,
  bookmaker_id  VARCHAR(200) NOT NULL,
  name          VARCHAR(200) NOT NULL,
  PRIMARY KEY (venue, bookmaker_id)
);

-- One row per written (changed) line. Side a and side b are the market's sides in their fixed
-- order (home/away or over/under); a side the bookmaker does not price has NULL price columns.
CREATE TABLE odds_lines (
  venue         VARCHAR(32)      NOT NULL,
  event_id      VARCHAR(200)     NOT NULL,
  bookmaker_id  VARCHAR(200)     NOT NULL,
  market        VARCHAR(16)      NOT NULL,
  captured_ms   BIGINT           NOT NULL,
  source_seq    BIGINT           NOT NULL,
  updated_ms    BIGINT           NOT NULL,
  points_a      DOUBLE PRECISION,
  american_a    DOUBLE PRECISION,
  decimal_a     DOUBLE PRECISION,
  points_b      DOUBLE PRECISION,
  american_b    DOUBLE PRECISION,
  decimal_b     DOUBLE PRECISION,
  PRIMARY KEY (venue, event_id, bookmaker_id, market, captured_ms, source_seq)
);

CREATE INDEX odds_lines_by_capture ON odds_lines (captured_ms);

-- The latest row of each (event, bookmaker, market), upserted in the same transaction as the
-- history row: warm-up and fallback read this small table instead of searching the history.
CREATE TABLE odds_latest (
  venue         VARCHAR(32)      NOT NULL,
  event_id      VARCHAR(200)     NOT NULL,
  bookmaker_id  VARCHAR(200)     NOT NULL,
  market        VARCHAR(16)      NOT NULL,
  captured_ms   BIGINT           NOT NULL,
  source_seq    BIGINT           NOT NULL,
  updated_ms    BIGINT           NOT NULL,
  points_a      DOUBLE PRECISION,
  american_a    DOUBLE PRECISION,
  decimal_a     DOUBLE PRECISION,
  points_b      DOUBLE PRECISION,
  american_b    DOUBLE PRECISION,
  decimal_b     DOUBLE PRECISION,
  PRIMARY KEY (venue, event_id, bookmaker_id, market)
);

CREATE TABLE market_states (
  venue          VARCHAR(32)  NOT NULL,
  ticker         VARCHAR(200) NOT NULL,
  captured_ms    BIGINT       NOT NULL,
  source_seq     BIGINT       NOT NULL,
  event_ticker   VARCHAR(200) NOT NULL,
  status         VARCHAR(32)  NOT NULL,
  yes_bid        VARCHAR(40),
  yes_ask        VARCHAR(40),
  last_price     VARCHAR(40),
  volume         VARCHAR(40),
  open_interest  VARCHAR(40),
  PRIMARY KEY (venue, ticker, captured_ms, source_seq)
);

CREATE INDEX market_states_by_capture ON market_states (captured_ms);

CREATE TABLE book_tops (
  venue          VARCHAR(32)  NOT NULL,
  ticker         VARCHAR(200) NOT NULL,
  captured_ms    BIGINT       NOT NULL,
  source_seq     BIGINT       NOT NULL,
  yes_bid        VARCHAR(40),
  yes_bid_size   VARCHAR(40),
  yes_ask        VARCHAR(40),
  yes_ask_size   VARCHAR(40),
  PRIMARY KEY (venue, ticker, captured_ms, source_seq)
);

CREATE INDEX book_tops_by_capture ON book_tops (captured_ms);
