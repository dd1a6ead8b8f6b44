package io.marketgate.model;

/**
 * Which side of a market an outcome backs. Team sides are mapped by team identity (the event's home
 * and away team), never by the position of an outcome in a feed.
 */
public enum BetSide {
  /** The home team (moneyline and spread). */
  HOME,
  /** The away team (moneyline and spread). */
  AWAY,
  /** Over the total. */
  OVER,
  /** Under the total. */
  UNDER;

  /** The other side of the same market. */
  public BetSide opposite() {
    return switch (this) {
      case HOME -> AWAY;
      case AWAY -> HOME;
      case OVER -> UNDER;
      case UNDER -> OVER;
    };
  }
}
