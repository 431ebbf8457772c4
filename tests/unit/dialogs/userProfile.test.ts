import { MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { languageOf, setTurnLanguage, UserProfileAccessor } from '../../../dialogs/userProfile';

async function inTurn(locale: string, work: (context: TurnContext, profiles: UserProfileAccessor) => Promise<void>, storage = new MemoryStorage()) {
  const userState = new UserState(storage);
  const profiles = new UserProfileAccessor(userState);
  const adapter = new TestAdapter(async (context) => {
    await work(context, profiles);
    await userState.saveChanges(context);
  });
  adapter.locale = locale;
  await adapter.processActivity(adapter.makeActivity('hallo'));
}

describe('the language of a turn', () => {
  test('without anything known: channel locale, else nl', async () => {
    await inTurn('fr-BE', async (context) => expect(languageOf(context)).toBe('fr'));
    await inTurn('de-DE', async (context) => expect(languageOf(context)).toBe('nl'));
  });

  test('a language set by the pipeline (e.g. detected) beats the locale, a saved choice beats both', async () => {
    const storage = new MemoryStorage();
    await inTurn('fr-BE', async (context, profiles) => {
      setTurnLanguage(context, 'en');
      expect(await profiles.resolve(context)).toBe('en');
      await profiles.save(context, 'nl-simple');
      expect(languageOf(context)).toBe('nl-simple');
    }, storage);
    await inTurn('fr-BE', async (context, profiles) => {
      setTurnLanguage(context, 'en');
      expect(await profiles.resolve(context)).toBe('nl-simple');
      expect(languageOf(context)).toBe('nl-simple');
      expect(await profiles.get(context)).toEqual({ language: 'nl-simple' });
    }, storage);
  });

  test('a stored value that is not a language is ignored', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'test/users/user1/': { UserProfile: { language: 'klingon' } } });
    await inTurn('en-US', async (context, profiles) => {
      expect(await profiles.saved(context)).toBeUndefined();
      expect(await profiles.resolve(context)).toBe('en');
    }, storage);
  });
});
