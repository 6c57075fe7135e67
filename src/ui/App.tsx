import { useEffect } from 'react';
import { xrStore } from '../xr/xr-store.ts';
import { appStore, useApp } from './app-store.ts';
import { HomeScreen } from './HomeScreen.tsx';
import { SessionScreen } from './SessionScreen.tsx';

export function App() {
  const session = useApp((s) => s.session);

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

  return session ? <SessionScreen session={session} /> : <HomeScreen />;
}
