package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Served over HTTPS (profile {@code https}), Parcours believes X-Forwarded-For only from the TLS proxy: by default
 * the machine itself, else the addresses PARCOURS_TRUSTED_PROXIES names. With Tomcat's default, which believes every
 * private address, a person on a 10.x, 192.168.x or 172.16-31.x network reaching Parcours directly named any address:
 * 30 guesses for « ana », each "forwarded for" another address, were never slowed (measured on the demo with the
 * profile), and 5 wrong passwords "forwarded for" ana's own address refused ana there. Read as Spring reads the file,
 * placeholder and escapes included.
 */
class TrustedProxiesTest {

  static final String PROPERTY = "server.tomcat.remoteip.internal-proxies";

  @Test
  void shouldBelieveOnlyTheMachineItselfUnlessTold() throws Exception {
    Pattern trusted = Pattern.compile(internalProxies(Map.of()));

    assertThat(trusted.matcher("127.0.0.1").matches()).isTrue();
    assertThat(trusted.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
    for (String privateAddress : new String[] {"10.0.0.7", "192.168.1.20", "172.16.0.3", "172.31.255.1",
        "169.254.0.1", "100.64.0.1", "127x0y0z1", "203.0.113.9"}) {
      assertThat(trusted.matcher(privateAddress).matches()).as(privateAddress).isFalse();
    }
  }

  @Test
  void shouldBelieveTheProxyTheOperatorNames() throws Exception {
    Pattern trusted = Pattern.compile(internalProxies(Map.of("PARCOURS_TRUSTED_PROXIES", "10\\.0\\.0\\.7")));

    assertThat(trusted.matcher("10.0.0.7").matches()).isTrue();
    assertThat(trusted.matcher("10.0.0.8").matches()).isFalse();
    assertThat(trusted.matcher("127.0.0.1").matches()).isFalse();
  }

  private static String internalProxies(Map<String, Object> environment) throws Exception {
    StandardEnvironment spring = new StandardEnvironment();
    spring.getPropertySources().addFirst(new MapPropertySource("environment", environment));
    new YamlPropertySourceLoader().load("https", new ClassPathResource("application-https.yml"))
        .forEach(spring.getPropertySources()::addLast);
    String regex = spring.getProperty(PROPERTY);
    assertThat(regex).as(PROPERTY + " in application-https.yml").isNotNull();
    return regex;
  }
}
