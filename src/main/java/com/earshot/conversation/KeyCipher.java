package com.earshot.conversation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for per-playground API keys, with the key from {@code
 * EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY}: a random 12-byte nonce per value, stored as nonce ||
 * ciphertext (with its tag). The playground id is the associated data, so a value copied to another
 * playground's row does not decrypt.
 */
@Component
class KeyCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  KeyCipher(ElevenLabsProperties properties) {
    this.key =
        properties.keyEncryptionKey() == null
            ? null
            : new SecretKeySpec(Base64.getDecoder().decode(properties.keyEncryptionKey()), "AES");
  }

  boolean available() {
    return key != null;
  }

  byte[] encrypt(String plain, Object boundTo) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, boundTo);
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * @throws GeneralSecurityException when the value was sealed with another key, for another
   *     playground, or altered
   */
  String decrypt(byte[] stored, Object boundTo) throws GeneralSecurityException {
    if (stored.length <= NONCE_BYTES) {
      throw new GeneralSecurityException("too short");
    }
    byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, boundTo);
    byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    return new String(plain, StandardCharsets.UTF_8);
  }

  private Cipher cipher(int mode, byte[] nonce, Object boundTo) throws GeneralSecurityException {
    if (key == null) {
      throw new IllegalStateException("EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY is not set");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(String.valueOf(boundTo).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
