import type { MessageIntent, MessageTone } from '../providers/ai-provider.types';

/** One way of approaching an intent; three per intent give three distinct options. */
export interface MessageAngle {
  subject: string;
  /** One sentence, at most ~95 characters with tokens counted at 12, so a short SMS fits. */
  core: string;
  /** Extra sentences for medium and long messages, most important first. */
  details: string[];
  rationale: string;
}

export interface ToneStyle {
  smsGreeting: string;
  emailGreeting: string;
  ctas: [string, string, string];
  closer: string;
  signOff: string;
  decorateSubject: (subject: string) => string;
  note: string;
}

export const TONE_STYLES: Record<MessageTone, ToneStyle> = {
  friendly: {
    smsGreeting: 'Hi {{first_name|there}}!',
    emailGreeting: 'Hi {{first_name|there}},',
    ctas: ['Take a look today!', "We'd love to see you soon!", 'Come and say hi!'],
    closer: 'Thanks for being part of our community.',
    signOff: 'Cheers,\nThe team',
    decorateSubject: (s) => s,
    note: 'a warm, conversational voice',
  },
  professional: {
    smsGreeting: 'Hello {{first_name|there}}.',
    emailGreeting: 'Dear {{first_name|customer}},',
    ctas: ['Explore the selection today.', 'Visit us at your convenience.', 'We look forward to serving you.'],
    closer: 'Thank you for choosing us.',
    signOff: 'Kind regards,\nThe team',
    decorateSubject: (s) => s,
    note: 'a clear, courteous voice',
  },
  playful: {
    smsGreeting: 'Hey {{first_name|you}}!',
    emailGreeting: 'Hey {{first_name|superstar}}!',
    ctas: ['Go on, treat yourself!', 'Your cart is calling!', 'Ready, set, shop!'],
    closer: "You're awesome, and that's official.",
    signOff: 'High fives,\nThe team',
    decorateSubject: (s) => `${s} 🎉`,
    note: 'a light, playful voice',
  },
  urgent: {
    smsGreeting: 'Quick, {{first_name|friend}}!',
    emailGreeting: 'Hi {{first_name|there}}, a quick heads-up:',
    ctas: ["Act now before it's gone!", "Don't wait, shop today!", 'Hurry, while stocks last!'],
    closer: "Moments like this don't last long.",
    signOff: 'See you soon,\nThe team',
    decorateSubject: (s) => `Heads up: ${s}`,
    note: 'urgency that prompts action now',
  },
  empathetic: {
    smsGreeting: 'Hi {{first_name|there}}.',
    emailGreeting: "Hi {{first_name|there}}, we hope you're doing well.",
    ctas: [
      "Whenever you're ready, we're here.",
      "No rush, we'll be here for you.",
      'Take your time, we are here to help.',
    ],
    closer: "We're grateful to have you with us.",
    signOff: 'Warm wishes,\nThe team',
    decorateSubject: (s) => s,
    note: 'a caring, understanding voice',
  },
};

export const INTENT_ANGLES: Record<Exclude<MessageIntent, 'custom'>, [MessageAngle, MessageAngle, MessageAngle]> = {
  win_back: [
    {
      subject: 'We miss you, {{first_name|friend}}',
      core: "It's been a while since your last order and we'd love to see you again.",
      details: [
        'A lot has changed since you last shopped with us: new arrivals, quicker delivery and easy returns.',
        'Your account and saved favourites are right where you left them.',
      ],
      rationale: 'A personal, low-pressure reminder that the relationship matters to you.',
    },
    {
      subject: "See what's new since your last visit",
      core: "We've added plenty of new favourites since your last order. Come and take a look.",
      details: [
        'Our most-loved picks are back in stock and new collections land every week.',
        'Customers in {{city|your area}} have been snapping them up.',
      ],
      rationale: 'Leads with novelty, giving lapsed customers a concrete reason to return without a discount.',
    },
    {
      subject: 'Something special to welcome you back',
      core: "We've kept something special aside for your next order with us.",
      details: [
        "It's our way of saying thanks for having been part of our story.",
        'Pick up where you left off: your favourites are a tap away.',
      ],
      rationale: 'Frames the return around a reward, the strongest lever for customers who lapsed after buying before.',
    },
  ],
  welcome: [
    {
      subject: 'Welcome aboard, {{first_name|friend}}!',
      core: "Welcome aboard! We're thrilled to have you with us.",
      details: [
        "You'll hear from us about new arrivals and offers picked for you.",
        'If you ever need help, just reply and a real person will answer.',
      ],
      rationale: 'A simple welcome that sets expectations for what the customer will receive.',
    },
    {
      subject: 'Ready for your first order?',
      core: 'Thanks for joining us! Your first order is just a few taps away.',
      details: [
        'Start with our bestsellers to see what everyone is talking about.',
        'Delivery to {{city|your city}} is quick and tracked end to end.',
      ],
      rationale: 'Moves new sign-ups toward a first purchase while interest is highest.',
    },
    {
      subject: 'Get the most out of your new account',
      core: 'Thanks for signing up! Save your favourites and we will tailor picks just for you.',
      details: [
        'The more you browse, the better our recommendations get.',
        'Turn on notifications so you never miss a new drop.',
      ],
      rationale: 'Encourages early engagement, which predicts a first order and long-term retention.',
    },
  ],
  promotion: [
    {
      subject: 'Something special for you, {{first_name|friend}}',
      core: 'Our latest offer is live, and we picked it with you in mind.',
      details: [
        'It covers bestsellers and new arrivals alike.',
        'Stock is limited, so the earliest shoppers get the best choice.',
      ],
      rationale: 'Personal framing makes a broad promotion feel chosen for the customer.',
    },
    {
      subject: 'Your favourite bestsellers, now on offer',
      core: 'The bestsellers everyone loves are now on special offer.',
      details: ['These are the picks our customers reorder most.', 'Good things go fast, and these usually do.'],
      rationale: 'Social proof: bestsellers reduce the risk of trying something new.',
    },
    {
      subject: 'An exclusive offer for {{city|you}}',
      core: 'An exclusive offer for our customers in {{city|your city}} starts today.',
      details: ["It's available only to a select group of customers.", 'Make the most of it before it ends.'],
      rationale: 'Local, exclusive framing raises relevance and the sense of a limited opportunity.',
    },
  ],
  re_engagement: [
    {
      subject: "Here's what you've missed",
      core: "We haven't heard from you in a while, so here's a quick look at what you've missed.",
      details: [
        'New collections, fresh favourites and a few surprises are waiting.',
        'It only takes a minute to catch up.',
      ],
      rationale: 'A gentle catch-up that restarts the conversation without pressure.',
    },
    {
      subject: 'We picked a few things for you',
      core: "We've picked a few new things we think you'll really like.",
      details: ['They are based on what customers like you enjoy most.', 'Have a look and let us know what you think.'],
      rationale: 'Relevance-led: curated picks give a dormant customer a reason to open and browse.',
    },
    {
      subject: 'Still want to hear from us?',
      core: 'Still interested in hearing from us? We would love to keep you in the loop.',
      details: [
        'We only send updates we think are worth your time.',
        'You can change how often you hear from us at any time.',
      ],
      rationale: 'A permission-style check-in that re-activates interested customers and respects the rest.',
    },
  ],
  loyalty: [
    {
      subject: 'Thank you, {{first_name|friend}}',
      core: 'Thank you for being one of our most valued customers. It means a lot to us.',
      details: [
        'Customers like you are the reason we keep improving.',
        'Expect a few extra perks from us as a small thank-you.',
      ],
      rationale: 'Pure appreciation with no ask, which strengthens loyalty among top customers.',
    },
    {
      subject: "You're one of our regulars",
      core: "You're one of our regulars, and we never take that for granted.",
      details: [
        'Every order you place helps a small team do what it loves.',
        "We're working on new perks for customers like you.",
      ],
      rationale: 'Recognises repeat buying explicitly, reinforcing the habit.',
    },
    {
      subject: 'Early access, just for you',
      core: 'As one of our best customers, you get early access to our newest collection.',
      details: [
        "It opens to everyone else soon, but you're first in line.",
        'Your favourites may sell out fast, so have a look early.',
      ],
      rationale: 'Exclusive early access rewards loyalty and drives a timely purchase.',
    },
  ],
  announcement: [
    {
      subject: 'Some exciting news',
      core: 'We have some exciting news to share with you.',
      details: [
        "We've been working on this for a while and can't wait for you to see it.",
        'Stay tuned, there is more to come.',
      ],
      rationale: 'A headline-first announcement that builds curiosity.',
    },
    {
      subject: "What's changing at our store",
      core: "Here's a quick update on what's changing at our store.",
      details: ['Nothing changes about the way you order today.', 'Reply to this message if you have any questions.'],
      rationale: 'Clear and informative, for updates customers need to know about.',
    },
    {
      subject: "You're invited",
      core: "You're invited! Come and see what we've been working on.",
      details: [
        'We would love to share it with our customers in {{city|your city}} first.',
        'Bring a friend along, everyone is welcome.',
      ],
      rationale: 'Invitation framing turns an announcement into an occasion.',
    },
  ],
};

/** Angles used for the custom intent; the marketer's instructions become the core message. */
export const CUSTOM_ANGLES: [MessageAngle, MessageAngle, MessageAngle] = [
  {
    subject: 'News for you, {{first_name|friend}}',
    core: 'We have an update we think you will like.',
    details: ['It only takes a moment to check it out.', 'Thank you for being with us.'],
    rationale: 'States the message directly, keeping the focus on what you asked to say.',
  },
  {
    subject: 'Something we wanted to share',
    core: 'We wanted to share something with you first.',
    details: ['We think it is worth a look.', 'Let us know what you think.'],
    rationale: 'Frames your message as shared with the customer first, which makes it feel personal.',
  },
  {
    subject: 'A quick note from us',
    core: 'Here is a quick note from our team.',
    details: ['We keep our messages short and useful.', 'Thanks for reading.'],
    rationale: 'Short and plain, so your message carries the weight.',
  },
];
