import { useEffect } from 'react';
import { xrStore } from '../xr/xr-store.ts';
import { appStore, useApp } from './app-store.ts';
import { HomeScreen } from './HomeScreen.tsx';
import { SessionScreen } from './SessionScreen.tsx';
import { DebriefScreen } from './DebriefScreen.tsx';

export function App() {
  const session = useApp((s) => s.session);
  const screen = useApp((s) => s.screen);
  const finished = useApp((s) => s.finished);

  useEffect(() => {
    void navigator.xr?.isSessionSupported('immersive-vr').then(
      (vrSupported) => appStore.setState({ vrSupported }),
      () => appStore.setState({ vrSupported: false }),
    );
    return xrStore.subscribe((s) => {
      const presenting = s.session != null;
      if (presenting !== appStore.getState().presenting) appStore.setState({ presenting });
    });
  }, []);

  if (session) return <SessionScreen session={session} />;
  if (screen === 'debrief' && finished) return <DebriefScreen finished={finished} />;
  return <HomeScreen />;
}
