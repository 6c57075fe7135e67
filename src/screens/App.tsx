import { useEffect } from 'react';
import { xrStore } from '../xr/xr-store.ts';
import { appStore, useApp } from '../app/app-store.ts';
import { HomeScreen } from './HomeScreen.tsx';
import { SessionScreen } from './SessionScreen.tsx';
import { DebriefScreen } from './DebriefScreen.tsx';
import { ProgressScreen } from './progress/ProgressScreen.tsx';
import { DrillGoal } from './progress/DrillGoal.tsx';
import { startLearner } from '../app/learner.ts';
import { UpdateOffer } from './UpdateOffer.tsx';
import { ClassScreen } from './instructor/ClassScreen.tsx';
import { AttemptScreen } from './instructor/AttemptScreen.tsx';
import { ReplayScreen } from './ReplayScreen.tsx';

export function App() {
  const session = useApp((s) => s.session);
  const screen = useApp((s) => s.screen);
  const finished = useApp((s) => s.finished);
  const openAttempt = useApp((s) => s.openAttempt);

  useEffect(() => {
    const stop = startLearner();
    return () => void stop.then((s) => s());
  }, []);

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

  if (session)
    return (
      <>
        <SessionScreen session={session} />
        <DrillGoal />
      </>
    );
  if (screen === 'replay') return <ReplayScreen />;
  // An update is offered only outside an attempt (never in the session screen above).
  return (
    <>
      {screen === 'debrief' && finished ? (
        <DebriefScreen finished={finished} />
      ) : screen === 'progress' ? (
        <ProgressScreen />
      ) : screen === 'class' ? (
        <ClassScreen />
      ) : screen === 'attempt' && openAttempt ? (
        <AttemptScreen key={openAttempt.id} id={openAttempt.id} as={openAttempt.as} />
      ) : (
        <HomeScreen />
      )}
      <UpdateOffer />
    </>
  );
}
