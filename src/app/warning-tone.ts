let audio: AudioContext | null = null;

/** Two short high beeps, synthesised (nothing to download): the danger-zone warning's sound. */
export function playWarningTone(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const start of [0, 0.16]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 1320;
      gain.gain.setValueAtTime(0.0001, now + start);
      gain.gain.exponentialRampToValueAtTime(0.25, now + start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 0.12);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + start);
      osc.stop(now + start + 0.13);
    }
  } catch {
    // No audio output (or not allowed yet): the visual warning and the vibration still happen.
  }
}
