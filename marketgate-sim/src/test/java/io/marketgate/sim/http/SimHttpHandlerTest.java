package io.marketgate.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.sim.fault.Fault;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimHttpHandlerTest {

  @Test
  void corrupt_truncated_isShorterPrefix() {
    byte[] body = "{\"a\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
    byte[] cut = SimHttpHandler.corrupt(body, Fault.MalformedKind.TRUNCATED);
    assertThat(cut.length).isLessThan(body.length).isPositive();
    assertThat(new String(body, StandardCharsets.UTF_8))
        .startsWith(new String(cut, StandardCharsets.UTF_8));
  }

  @Test
  void corrupt_wrongTypes_swapsStringsAndNumbers() {
    byte[] body = "{\"p\":\"0.4500\",\"n\":3,\"b\":true}".getBytes(StandardCharsets.UTF_8);
    String out =
        new String(
            SimHttpHandler.corrupt(body, Fault.MalformedKind.WRONG_TYPES), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("{\"p\":0.4500,\"n\":\"3\",\"b\":\"true\"}");
  }
}
